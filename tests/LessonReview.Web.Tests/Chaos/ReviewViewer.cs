using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LessonReview.Web.Tests.Chaos;

/// <summary>
/// One person watching a review, with the page's own rules (wwwroot/js/review.js) in C#: apply a
/// comment whose seq is the next one; ignore one already shown; on a gap, on reconnecting and on
/// the server's CatchUp, fetch /events?afterSeq=N and apply those in order.
/// </summary>
public sealed class ReviewViewer(Guid reviewId, string cookie, Func<Uri> anyLiveServer) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(long Seq, Guid Id)> _applied = [];
    private HubConnection? _connection;
    private Uri _server = null!;
    private long _lastSeq;

    public IReadOnlyList<(long Seq, Guid Id)> Applied { get { lock (_applied) return _applied.ToList(); } }
    public int Reconnects { get; private set; }

    /// <summary>Opens the review (its state now) and joins its live updates on <paramref name="server"/>.</summary>
    public async Task OpenAsync(Uri server)
    {
        _server = server;
        using var http = Http();
        _lastSeq = (await http.GetFromJsonAsync<JsonElement>($"/api/reviews/{reviewId}")).GetProperty("seq").GetInt64();
        await ConnectAsync();
    }

    /// <summary>Drops the connection (Wi-Fi gone) and comes back through <paramref name="server"/>, catching up.</summary>
    public async Task ReconnectAsync(Uri server)
    {
        var old = _connection;
        _connection = null; // its Closed event is ours, not a lost server
        if (old is not null) await old.DisposeAsync();
        Reconnects++;
        for (var attempt = 0; ; attempt++)
        {
            _server = attempt == 0 ? server : anyLiveServer(); // the chosen server may be the one that just died
            try
            {
                await ConnectAsync();
                break;
            }
            // (all transports failing is an AggregateException: the server is down, as the others say)
            catch (Exception e) when (attempt < 50 && e is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException or TimeoutException or AggregateException)
            {
                await Task.Delay(200);
            }
        }
        await CatchUpAsync();
    }

    private async Task ConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_server, "/hubs/review"), HttpTransportType.WebSockets, o => o.Headers["Cookie"] = cookie)
            .Build();
        connection.On<JsonElement>("CommentAdded", OnCommentAddedAsync);
        connection.On("CatchUp", CatchUpAsync);
        // The server went away (an instance killed): come back through any live one, as the page's retry does.
        connection.Closed += async _ =>
        {
            if (!ReferenceEquals(_connection, connection)) return;
            await ReconnectAsync(anyLiveServer());
        };
        await connection.StartAsync();
        await connection.InvokeAsync("JoinReview", reviewId);
        _connection = connection;
    }

    private async Task OnCommentAddedAsync(JsonElement comment)
    {
        var seq = comment.GetProperty("seq").GetInt64();
        await _gate.WaitAsync();
        try
        {
            if (seq <= _lastSeq) return;                               // already shown
            if (seq == _lastSeq + 1) { Apply(seq, comment.GetProperty("id").GetGuid()); return; }
        }
        finally { _gate.Release(); }
        await CatchUpAsync();                                          // a gap: fetch what was missed, in order
    }

    public async Task CatchUpAsync()
    {
        await _gate.WaitAsync();
        try
        {
            using var http = Http();
            var events = await http.GetFromJsonAsync<JsonElement>($"/api/reviews/{reviewId}/events?afterSeq={_lastSeq}");
            foreach (var e in events.EnumerateArray())
            {
                var seq = e.GetProperty("seq").GetInt64();
                if (seq <= _lastSeq) continue;
                if (e.GetProperty("type").GetString() == "CommentAdded") Apply(seq, e.GetProperty("data").GetProperty("id").GetGuid());
                else _lastSeq = seq;
            }
        }
        catch (HttpRequestException) { } // the server went away mid-fetch: the next reconnect catches up
        finally { _gate.Release(); }
    }

    private void Apply(long seq, Guid id)
    {
        lock (_applied) _applied.Add((seq, id));
        _lastSeq = seq;
    }

    private HttpClient Http()
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _server };
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

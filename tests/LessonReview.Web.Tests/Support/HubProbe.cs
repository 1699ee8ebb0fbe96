using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LessonReview.Web.Tests.Support;

/// <summary>
/// A signed-in viewer on the review hub through the .NET SignalR client (WebSockets, the cookie of
/// <see cref="AppHost"/>'s client), recording every event it receives and each join's outcome as
/// <c>{ "event": name, "data": … }</c>. The page's own JS client is tested in Chromium (Browser.Tests).
/// </summary>
public sealed class HubProbe : IAsyncDisposable
{
    public static readonly string[] EventNames =
        ["CommentAdded", "CommentUpdated", "CommentDeleted", "StageChanged", "ActionItemChanged", "MentorsChanged", "PresenceChanged", "AccessRevoked", "LessonProgress", "SessionEnded", "NotificationsChanged", "RatingsChanged"];

    private readonly HubConnection _connection;
    private readonly List<JsonElement> _lines = [];

    private HubProbe(HubConnection connection)
    {
        _connection = connection;
        foreach (var name in EventNames) connection.On<JsonElement>(name, data => Record(name, new { data }));
        connection.On("CatchUp", () => Record("CatchUp", new { data = new { } }));
        connection.Closed += e =>
        {
            Record("closed", new { data = new { error = e?.Message } });
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects as the user behind <paramref name="client"/>'s cookie and joins the given groups.</summary>
    public static async Task<HubProbe> StartAsync(AppHost host, HttpClient client, params (string Method, Guid Id)[] joins)
    {
        var cookie = host.CookieHeader(client);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/review"), HttpTransportType.WebSockets, options => options.Headers["Cookie"] = cookie)
            .Build();
        var probe = new HubProbe(connection);
        try
        {
            await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            probe.Record("start-failed", new { message = e.Message });
            return probe;
        }
        foreach (var (method, id) in joins)
        {
            try
            {
                await connection.InvokeAsync(method, id);
                probe.Record("joined", new { method, id });
            }
            catch (HubException e)
            {
                probe.Record("refused", new { method, id, message = e.Message });
            }
        }
        return probe;
    }

    public IReadOnlyList<JsonElement> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public IEnumerable<JsonElement> Events(string name) => Lines.Where(l => l.GetProperty("event").GetString() == name);

    /// <summary>Waits until an event matching <paramref name="match"/> arrives.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var found = Events(name).Where(e => match?.Invoke(e.GetProperty("data")) ?? true).ToList();
            if (found.Count > 0) return found[0];
            await Task.Delay(20);
        }
        throw new TimeoutException($"No {name} event arrived. Seen: {string.Join(" | ", Lines.Select(l => l.GetRawText()))}");
    }

    private void Record(string name, object fields)
    {
        var line = JsonSerializer.SerializeToElement(fields);
        var withName = new Dictionary<string, JsonElement> { ["event"] = JsonSerializer.SerializeToElement(name) };
        foreach (var property in line.EnumerateObject()) withName[property.Name] = property.Value.Clone();
        lock (_lines) _lines.Add(JsonSerializer.SerializeToElement(withName));
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

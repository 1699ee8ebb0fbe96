using System.Net;
using System.Net.Http.Json;
using LessonReview.Core.Accounts;
using LessonReview.TestSupport;
using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using LessonReview.Web.Hosting;

namespace LessonReview.Web.Tests.Support;

/// <summary>
/// The real app on Kestrel (real sockets, so interrupted uploads behave as in production) with
/// its own data folder, SQLite database and media storage. Development seeds the demo accounts.
/// </summary>
public class AppHost : WebApplicationFactory<Program>
{
    public const string Password = "test-password-1";
    private readonly Dictionary<string, string?> _settings;
    private readonly TempFolder? _ownedData;

    public AppHost() : this(new Dictionary<string, string?>()) { }

    /// <summary>An app on an existing data folder (to restart "the same server").</summary>
    public static AppHost On(string dataDirectory) => new(new Dictionary<string, string?>(), dataDirectory);

    /// <summary>An app with extra settings, optionally on an existing data folder.</summary>
    public static AppHost With(Dictionary<string, string?> settings, string? dataDirectory = null) => new(settings, dataDirectory);

    protected AppHost(Dictionary<string, string?> settings, string? dataDirectory = null)
    {
        _settings = settings;
        if (dataDirectory is null) _ownedData = new TempFolder();
        DataDirectory = dataDirectory ?? _ownedData!.Path;
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development seeds the demo accounts; a test may ask for another environment with the setting "environment".
        builder.UseEnvironment(_settings.GetValueOrDefault("environment") ?? "Development");
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Seed:Password", Password);
        builder.UseSetting("Worker:PollSeconds", "1");
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
        builder.UseSetting("Notifications:ScanMinutes", "0"); // tests scan for reminders at the instants they choose
        builder.UseSetting("Seed:DemoProgramme", "false"); // each test makes the state it needs
        builder.UseSetting("Upload:FreeSpaceReserveBytes", (256L << 20).ToString()); // whatever disk the tests run on
        foreach (var (key, value) in TestDatabase.Settings(DataDirectory)) builder.UseSetting(key, value);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // WebApplicationFactory adds Kestrel after the app's services, which would replace the app's
        // receive-block pool with Kestrel's own; in Program, Kestrel comes first. Restore that order.
        builder.ConfigureServices((context, services) => services.AddReceiveBlockPool(context.Configuration));
        return base.CreateHost(builder);
    }

    /// <summary>A client with its own cookie jar, not signed in.</summary>
    public HttpClient AnonymousClient()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        _cookies.Add(client, cookies);
        return client;
    }

    /// <summary>The Cookie header this client sends (to hand its session to a JS hub client).</summary>
    public string CookieHeader(HttpClient client) => _cookies.TryGetValue(client, out var cookies) ? cookies.GetCookieHeader(BaseAddress) : "";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> _cookies = new();

    /// <summary>A client signed in as <paramref name="email"/>.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/session", new { email, password });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    public Task<HttpClient> TraineeAsync() => SignInAsync("trainee@example.org");
    public Task<HttpClient> MentorAsync() => SignInAsync("mentor@example.org");
    public Task<HttpClient> CoordinatorAsync() => SignInAsync("coordinator@example.org");

    /// <summary>The id of the account <paramref name="client"/> is signed in as.</summary>
    public static async Task<Guid> IdOfAsync(HttpClient client) => (await client.GetFromJsonAsync<SessionApi.UserDto>("/api/me"))!.Id;

    /// <summary>Opens a review of the lesson that asks the seeded mentor (so coordinators see it too; a review without mentors is a private self-review).</summary>
    public async Task<HttpResponseMessage> OpenMentoredReviewAsync(HttpClient trainee, Guid lessonId)
    {
        var mentorId = await IdOfAsync(await MentorAsync());
        return await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = new[] { mentorId } });
    }

    /// <summary>Creates another account and signs it in.</summary>
    public async Task<HttpClient> NewUserAsync(string role, string? name = null) => await SignInAsync(await CreateUserAsync(role, name));

    /// <summary>Creates another account (password <see cref="Password"/>); returns its e-mail.</summary>
    public async Task<string> CreateUserAsync(string role, string? name = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.org";
        await AccountsAsync(accounts => accounts.CreateAsync(email, Password, role, name ?? $"Another {role}"));
        return email;
    }

    /// <summary>Runs <paramref name="work"/> with the app's account administration, as the users commands do.</summary>
    public async Task AccountsAsync(Func<AccountService, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    /// <summary>Reads or changes the app's database directly (what no API shows: the outbox, a date in the past).</summary>
    public async Task<T> DbAsync<T>(Func<Core.Data.LessonReviewDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Core.Data.LessonReviewDb>());
    }

    /// <summary>With Events:Provider=PostgreSQL: completes once this instance's LISTEN is in place.</summary>
    public Task ListeningAsync() =>
        Services.GetRequiredService<Realtime.PostgresEventListener>().Listening.WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>A client that sends only this Cookie header (a cookie copied from another browser).</summary>
    public HttpClient ClientWithCookie(string cookieHeader)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    public Task<HttpClient> OtherTraineeAsync() => NewUserAsync(Roles.Trainee);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _ownedData?.Dispose();
    }
}

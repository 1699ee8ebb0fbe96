using System.Net;
using System.Text;
using System.Text.Json;

namespace LessonReview.TestSupport;

/// <summary>
/// A managed-identity token endpoint on loopback, speaking the protocol Azure Container Apps and
/// App Service give their apps (<c>IDENTITY_ENDPOINT</c> + <c>IDENTITY_HEADER</c>, api-version
/// 2019-08-01), so Azure.Identity's own ManagedIdentityCredential runs for real in tests. Tokens
/// are unsigned JWTs with the claims Azurite's OAuth mode checks (issuer, audience, lifetime,
/// object and tenant ids). <see cref="Requests"/> counts what was asked for.
/// </summary>
public sealed class FakeManagedIdentity : IDisposable
{
    public const string Secret = "test-identity-header";
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public FakeManagedIdentity()
    {
        Port = Ports.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}/msi/token";
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The resource (audience) the last request asked a token for.</summary>
    public string? LastResource { get; private set; }

    /// <summary>Points Azure.Identity in this process at this endpoint (the variables Container Apps sets).</summary>
    public void UseForThisProcess()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", Endpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", Secret);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            Interlocked.Increment(ref _requests);
            var resource = context.Request.QueryString["resource"] ?? "";
            LastResource = resource;
            if (context.Request.Headers["X-IDENTITY-HEADER"] != Secret)
            {
                context.Response.StatusCode = 401;
                context.Response.Close();
                continue;
            }
            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["access_token"] = Token(resource.TrimEnd('/'), expires),
                ["expires_on"] = expires.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
            });
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static string Token(string audience, long expires)
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        var claims = new Dictionary<string, object>
        {
            ["aud"] = audience, ["iss"] = $"https://sts.windows.net/{tenant}/", ["tid"] = tenant,
            ["oid"] = "00000000-0000-0000-0000-00000000a11e", ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(),
            ["iat"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), ["exp"] = expires,
        };
        return $"{Part(new { alg = "RS256", typ = "JWT" })}.{Part(claims)}.{Convert.ToBase64String(Encoding.ASCII.GetBytes("unsigned")).TrimEnd('=')}";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}

using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;
using System.Globalization;
using System.Threading.RateLimiting;
using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace LessonReview.Web;

/// <summary>
/// Limits on writes, per signed-in user (per address when signed out): generous for a mentor typing
/// comments quickly, tight enough to stop a runaway script. Refusals are 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string Writes = "writes";
    public const string SignIn = "sign-in";
    public const string UploadCreates = "upload-creates";
    public const string UploadStreams = "upload-streams";

    public static IServiceCollection AddLessonReviewRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter => Configure(limiter, options));
    }

    private static void Configure(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.AddPolicy(Writes, http => RateLimitPartition.GetTokenBucketLimiter(Key(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.WriteBurst, TokensPerPeriod = options.WritesPerTenSeconds, ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0, AutoReplenishment = true,
        }));
        // Per client address (behind a proxy, the forwarded one: see ForwardedHeaders); showing the form is free.
        limiter.AddPolicy(SignIn, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        limiter.AddPolicy(UploadCreates, http => RateLimitPartition.GetFixedWindowLimiter(Key(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.UploadsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        // Each PATCH holds a 1 MiB buffer while it streams: a trainee's slow or stalled connections cannot pile up.
        limiter.AddPolicy(UploadStreams, http => RateLimitPartition.GetConcurrencyLimiter(Key(http),
            _ => new ConcurrencyLimiterOptions { PermitLimit = options.ConcurrentUploadsPerUser, QueueLimit = 0 }));
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
            var http = context.HttpContext;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            // In the asker's language: the limiter runs after the localization middleware.
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
            string detail = IsSignIn(http)
                ? text["Too many sign-in attempts from your network. Wait {0} seconds and try again.", seconds]
                : http.Request.Path.StartsWithSegments("/api/uploads") && HttpMethods.IsPatch(http.Request.Method)
                    ? text["You are already sending several uploads at once. Let one finish, then continue this one (choose the same file again)."]
                : http.Request.Path.StartsWithSegments("/api/uploads")
                    ? text["Too many uploads started in the last hour. Finish or resume the ones you started (choose the same file again), or wait {0} seconds.", seconds]
                    : text["Too many changes in a short time. Wait {0} seconds and try again.", seconds];
            if (!Hosting.LessonReviewHosting.IsApi(http.Request))
            {
                // A person at a form: a readable page, not JSON.
                var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(
                    $"<!doctype html><html lang=\"{Languages.Current}\"><meta charset=\"utf-8\"><title>{encode.Encode(text["Please wait"])}</title>" +
                    $"<main><p role=\"alert\">{encode.Encode(detail)}</p><p><a href=\"/signin\">{encode.Encode(text["Back to sign-in"])}</a></p></main></html>",
                    cancellationToken);
                return;
            }
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = 429, Title = "Too many requests", Detail = detail },
            });
        };
    }

    private static bool IsSignIn(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/signin") || http.Request.Path.StartsWithSegments("/api/session");

    private static string Key(HttpContext http) =>
        Caller.From(http.User)?.Id.ToString() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>Configuration section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Writes (comments, stages, action items) one user may make at once.</summary>
    public int WriteBurst { get; set; } = 60;

    /// <summary>Writes one user regains every ten seconds.</summary>
    public int WritesPerTenSeconds { get; set; } = 30;

    /// <summary>Sign-in attempts per minute from one address.</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Uploads one trainee may start per hour (tus creation).</summary>
    public int UploadsPerHour { get; set; } = 30;

    /// <summary>PATCH requests (upload streams) one trainee may have open at once.</summary>
    public int ConcurrentUploadsPerUser { get; set; } = 4;
}

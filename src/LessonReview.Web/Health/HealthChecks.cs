using LessonReview.Core.Data;
using LessonReview.Core.Storage;
using LessonReview.Media.Tools;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LessonReview.Web.Health;

public sealed class DatabaseHealthCheck(LessonReviewDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}

public sealed class StorageHealthCheck(IMediaStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.CheckHealthAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"Media storage cannot be used: {e.Message}");
        }
    }
}

public sealed class FFmpegHealthCheck(MediaToolsCheck tools) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy(await tools.CheckAsync(cancellationToken));
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"ffmpeg could not run: {e.Message} Install ffmpeg (scripts/setup.sh) or set Media:BinaryFolder.");
        }
    }
}

public static class HealthEndpoints
{
    /// <summary><c>/health</c>: database, storage, ffmpeg, as JSON. <c>/alive</c>: the process answers.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJson });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false });
        return app;
    }

    private static Task WriteJson(HttpContext http, HealthReport report) => http.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
    });
}

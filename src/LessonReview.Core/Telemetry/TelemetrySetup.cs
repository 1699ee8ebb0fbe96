using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LessonReview.Core.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs, switched on by configuration alone:
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (any OTLP collector; the other standard <c>OTEL_*</c> settings
/// apply) and/or <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (Azure Monitor). With neither, nothing
/// is registered and nothing is collected.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>What every process traces and measures: our pipeline and database, HttpClient, Npgsql, the Azure SDK, the runtime.</summary>
    private static readonly string[] Sources = [LessonReviewTelemetry.Name, Media.MediaTelemetry.Name, "System.Net.Http", "Npgsql", "Azure.*"];
    private static readonly string[] Meters =
        [LessonReviewTelemetry.Name, Media.MediaTelemetry.Name, "System.Net.Http", "Npgsql", "Microsoft.EntityFrameworkCore", "System.Runtime"];

    /// <returns>Whether telemetry is on.</returns>
    public static bool AddLessonReviewTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<TracerProviderBuilder>? tracing = null, Action<MeterProviderBuilder>? metrics = null)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        var azureMonitor = configuration[AzureMonitorKey] is { Length: > 0 } connectionString ? connectionString : null;
        if (!otlp && azureMonitor is null) return false;

        // The Azure SDK's spans are still behind a switch.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(t =>
            {
                t.AddSource(Sources);
                tracing?.Invoke(t);
                if (azureMonitor is not null) t.AddAzureMonitorTraceExporter(o => o.ConnectionString = azureMonitor);
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Meters);
                metrics?.Invoke(m);
                if (azureMonitor is not null) m.AddAzureMonitorMetricExporter(o => o.ConnectionString = azureMonitor);
            })
            .WithLogging(l =>
            {
                if (azureMonitor is not null) l.AddAzureMonitorLogExporter(o => o.ConnectionString = azureMonitor);
            });
        if (otlp) telemetry.UseOtlpExporter(); // reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS
        return true;
    }
}

using Azure.Storage.Blobs;

namespace LessonReview.Web.Security;

/// <summary>
/// Headers every response carries: a Content-Security-Policy that allows scripts, styles and
/// connections only from this site (the pages have no inline script or style) and media from this
/// site or the blob storage account the read URLs point at; no MIME sniffing; no referrer to other
/// sites; no framing.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IServiceProvider services)
{
    private string? _policy;

    public Task InvokeAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = _policy ??= Policy(StorageOrigin(services));
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        return next(http);
    }

    internal static string Policy(string? storageOrigin)
    {
        var media = storageOrigin is null ? "'self' blob:" : $"'self' blob: {storageOrigin}";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            $"img-src {media} data:",
            $"media-src {media}",
            // the hub's WebSocket is same-origin ('self' covers ws/wss in current browsers); the player fetches storyboard VTT and images
            $"connect-src 'self'{(storageOrigin is null ? "" : " " + storageOrigin)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /// <summary>The blob endpoint's origin when media is in Azure (read URLs point there), else null.</summary>
    private static string? StorageOrigin(IServiceProvider services) =>
        services.GetService<BlobServiceClient>()?.Uri is { } uri ? uri.GetLeftPart(UriPartial.Authority) : null;
}

using LessonReview.Web.Localization;
namespace LessonReview.Web.Security;

/// <summary>
/// The hub answers only pages of this site: a browser on another site could otherwise open a
/// WebSocket with the user's cookie (browsers send cookies with cross-site WebSocket handshakes
/// when SameSite allows, and CORS does not apply to WebSockets). Requests without an Origin
/// header (non-browser clients, which hold their own cookie) pass.
/// </summary>
public sealed class HubOriginCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/hubs")
            && http.Request.Headers.Origin is [{ } origin]
            && !string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await new Message("Live updates are only for pages of this site, not {0}. Open LessonReview itself.", origin)
                .Problem(StatusCodes.Status403Forbidden, "Foreign origin").ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}

using LessonReview.Core.Accounts;
using LessonReview.Core.Notifications;
using LessonReview.Web.Accounts;
using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace LessonReview.Web.Notifications;

/// <summary>A person's own notifications and which kinds they want by e-mail.</summary>
public static class NotificationsApi
{
    /// <param name="EmailOff">The kinds not to mail (they still appear in the app).</param>
    public sealed record PreferencesDto(bool EmailEnabled, IReadOnlyList<string> Kinds, IReadOnlyList<string> EmailOff);
    public sealed record PreferencesRequest(List<string>? EmailOff);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        api.MapGet("/", List).WithName("ListNotifications").WithSummary("The caller's newest 50 notifications, in their language, with the unread count.");
        api.MapPost("/read", MarkRead).RequireRateLimiting(RateLimits.Writes).WithName("MarkNotificationsRead")
            .WithSummary("Mark all the caller's notifications read; their open pages' counts follow.");
        api.MapGet("/preferences", GetPreferences).WithName("GetNotificationPreferences")
            .WithSummary("The kinds the caller can receive, and which of them they do not want by e-mail.");
        api.MapPut("/preferences", PutPreferences).RequireRateLimiting(RateLimits.Writes).WithName("SetNotificationPreferences")
            .WithSummary("Choose which kinds are not mailed to the caller.");
        return app;
    }

    private static async Task<Ok<NotificationsDto>> List(NotificationsReader reader, HttpContext http) =>
        TypedResults.Ok(await reader.ReadAsync(Caller.Of(http.User).Id, http.RequestAborted));

    private static async Task<Ok<NotificationsDto>> MarkRead(NotificationsReader reader, HttpContext http)
    {
        var caller = Caller.Of(http.User);
        await reader.MarkAllReadAsync(caller.Id, http.RequestAborted);
        return TypedResults.Ok(await reader.ReadAsync(caller.Id, http.RequestAborted));
    }

    private static async Task<Results<Ok<PreferencesDto>, ProblemHttpResult>> GetPreferences(UserManager<User> users, Microsoft.Extensions.Options.IOptions<EmailOptions> email, HttpContext http)
    {
        var user = await users.GetUserAsync(http.User);
        return user is null ? Gone() : TypedResults.Ok(Preferences(user, Caller.Of(http.User).Role, email.Value));
    }

    private static async Task<Results<Ok<PreferencesDto>, ProblemHttpResult>> PutPreferences(PreferencesRequest request, UserManager<User> users,
        Microsoft.Extensions.Options.IOptions<EmailOptions> email, HttpContext http)
    {
        var off = (request.EmailOff ?? []).Distinct().ToList();
        if (off.Except(NotificationKinds.All).ToList() is { Count: > 0 } unknown)
            return new Message("Unknown notification kinds: {0}. Choose from: {1}.", string.Join(", ", unknown), string.Join(", ", NotificationKinds.All)).Problem(400);
        var user = await users.GetUserAsync(http.User);
        if (user is null) return Gone();
        user.EmailOptOuts = string.Join(' ', off);
        await users.UpdateAsync(user);
        return TypedResults.Ok(Preferences(user, Caller.Of(http.User).Role, email.Value));
    }

    public static PreferencesDto Preferences(User user, string role, EmailOptions email) =>
        new(email.Enabled, NotificationKinds.For(role), NotificationKinds.All.Where(k => Notifier.OptedOut(user.EmailOptOuts, k)).ToList());

    private static ProblemHttpResult Gone() => new Message("Sign in again to save your settings.").Problem(401);
}

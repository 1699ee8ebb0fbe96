using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LessonReview.Web.Realtime;

/// <summary>
/// Live updates. Writes go through REST; the hub only lets a signed-in viewer join the groups of
/// what they may see, and broadcasts. Groups: <c>lesson:{id}</c>.
/// </summary>
[Authorize]
public sealed class ReviewHub(LessonAccess access) : Hub<IReviewClient>
{
    public static string LessonGroup(Guid lessonId) => $"lesson:{lessonId}";

    /// <summary>Follow a lesson's processing progress (before any review exists).</summary>
    public async Task JoinLesson(Guid lessonId)
    {
        var caller = Caller.From(Context.User!) ?? throw new HubException("Sign in first.");
        if (await access.FindVisibleAsync(caller, lessonId, Context.ConnectionAborted) is null)
            throw new HubException("There is no such lesson, or it is not shared with you.");
        await Groups.AddToGroupAsync(Context.ConnectionId, LessonGroup(lessonId), Context.ConnectionAborted);
    }

    public Task LeaveLesson(Guid lessonId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, LessonGroup(lessonId));
}

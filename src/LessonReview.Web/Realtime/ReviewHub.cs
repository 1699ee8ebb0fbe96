using LessonReview.Core.Data;
using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LessonReview.Web.Realtime;

/// <summary>
/// Live updates. Writes go through REST; the hub only lets a signed-in viewer join the groups of
/// what they may see (the same rules as the API), tracks who is watching, and broadcasts.
/// Groups: <c>lesson:{id}</c> for processing progress, <c>review:{id}</c> for a review's changes.
/// </summary>
[Authorize]
public sealed class ReviewHub(
    LessonAccess lessons, ReviewAccess reviews, PresenceTracker presence, IPresenceAnnouncer announcer, OpenHubConnections open, LessonReviewDb db)
    : Hub<IReviewClient>
{
    public override async Task OnConnectedAsync()
    {
        // Remembered so a sign-in that ends later ends this connection too (HubSessionCheck).
        if (await open.OpenedAsync(Context, db) is null) Context.Abort(); // the account is gone
        await base.OnConnectedAsync();
    }

    public static string LessonGroup(Guid lessonId) => $"lesson:{lessonId}";
    public static string ReviewGroup(Guid reviewId) => $"review:{reviewId}";

    /// <summary>Follow a lesson's processing progress (before any review exists).</summary>
    public async Task JoinLesson(Guid lessonId)
    {
        if (await lessons.FindVisibleAsync(Caller, lessonId, Context.ConnectionAborted) is null)
            throw new HubException("There is no such lesson, or it is not shared with you.");
        await Groups.AddToGroupAsync(Context.ConnectionId, LessonGroup(lessonId), Context.ConnectionAborted);
    }

    public Task LeaveLesson(Guid lessonId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, LessonGroup(lessonId));

    /// <summary>Watch a review: receive its changes and appear in its presence list.</summary>
    public async Task JoinReview(Guid reviewId)
    {
        var caller = Caller;
        if (await reviews.FindAsync(caller, reviewId, Context.ConnectionAborted) is null)
            throw new HubException("There is no such review, or you are not one of its participants.");
        await Groups.AddToGroupAsync(Context.ConnectionId, ReviewGroup(reviewId), Context.ConnectionAborted);
        await announcer.AnnounceAsync(reviewId, presence.Join(reviewId, Context.ConnectionId, new Viewer(caller.Id, caller.Name, caller.Role)));
    }

    public Task LeaveReview(Guid reviewId) => Groups.LeaveReviewAsync(presence, announcer, reviewId, Context.ConnectionId);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        open.Closed(Context.ConnectionId);
        foreach (var reviewId in presence.ReviewsOf(Context.ConnectionId))
            await announcer.AnnounceAsync(reviewId, presence.Leave(reviewId, Context.ConnectionId));
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Who is calling, with the role the account had when this connection opened (not the cookie's, which may be older).</summary>
    private Caller Caller => open.Find(Context.ConnectionId)?.Caller ?? throw new HubException("Sign in first.");
}

using LessonReview.Web.Accounts;
using LessonReview.Web.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

/// <summary>A person's notifications, newest first; opening the list marks them read (the new ones stay marked on this view).</summary>
[Authorize]
public sealed class NotificationsModel(NotificationsReader reader) : PageModel
{
    public NotificationsDto List { get; private set; } = new(0, []);

    public async Task OnGetAsync()
    {
        var caller = Caller.Of(User);
        List = await reader.ReadAsync(caller.Id, HttpContext.RequestAborted);
        await reader.MarkAllReadAsync(caller.Id, HttpContext.RequestAborted);
    }
}

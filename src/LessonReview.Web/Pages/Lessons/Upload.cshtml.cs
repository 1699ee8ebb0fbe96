using LessonReview.Web.Accounts;
using LessonReview.Web.Uploads;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Pages.Lessons;

public sealed class UploadModel(IOptions<UploadOptions> options) : PageModel
{
    public bool Allowed { get; private set; }
    public string Role { get; private set; } = "";
    public long MaxBytes => options.Value.MaxBytes;
    public string MaxSize => UploadsApi.Size(MaxBytes);

    public void OnGet()
    {
        var caller = Caller.Of(User);
        (Allowed, Role) = (caller.IsTrainee, caller.Role);
        if (!Allowed) Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

/// <summary>
/// What a person in a browser sees for an error with no page of its own (an unknown address, a
/// refused method), instead of the API's problem JSON. Reached by status-code re-execution only.
/// </summary>
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code)
    {
        // Asked for directly (/status/404) it is simply a page; re-executed, the original status stays.
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => ("Page not found", "Nothing is at this address. The link may be mistyped, or what it pointed to was deleted."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your account's role does not allow this page. Ask your coordinator if you need it."),
            StatusCodes.Status405MethodNotAllowed => ("Not possible here", "This address does not accept that kind of request."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Wait a minute and try again."),
            _ => ("Something went wrong", $"The server answered {code}. Try again; if it keeps happening, tell your coordinator."),
        };
    }
}

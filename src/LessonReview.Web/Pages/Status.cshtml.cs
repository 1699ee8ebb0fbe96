using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Pages;

/// <summary>
/// What a person in a browser sees for an error with no page of its own (an unknown address, a
/// refused method), instead of the API's problem JSON. Reached by status-code re-execution only.
/// </summary>
public sealed class StatusModel(IStringLocalizer<SharedText> text) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code)
    {
        // Asked for directly (/status/404) it is simply a page; re-executed, the original status stays.
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => (text["Page not found"], text["Nothing is at this address. The link may be mistyped, or what it pointed to was deleted."]),
            StatusCodes.Status403Forbidden => (text["Not allowed"], text["Your account's role does not allow this page. Ask your coordinator if you need it."]),
            StatusCodes.Status405MethodNotAllowed => (text["Not possible here"], text["This address does not accept that kind of request."]),
            StatusCodes.Status429TooManyRequests => (text["Too many requests"], text["Wait a minute and try again."]),
            _ => (text["Something went wrong"], text["The server answered {0}. Try again; if it keeps happening, tell your coordinator.", code]),
        };
    }
}

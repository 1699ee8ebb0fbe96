using LessonReview.Web.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Pages;

/// <summary>Setting a password from a mailed link: the first one (an invitation) or a new one (a reset).</summary>
public sealed class PasswordModel(PasswordLinks links, IStringLocalizer<SharedText> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "user")] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string? Email { get; private set; }
    public bool LinkWorks { get; private set; }
    public string? Error { get; private set; }
    public bool Invitation => Kind == PasswordLinks.Invite;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await links.CheckAsync(Kind, UserId, Token);
        (LinkWorks, Email) = (user is not null, user?.Email);
        if (!LinkWorks)
        {
            Error = Say(PasswordLinks.Expired);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? password, string? again)
    {
        var (user, problem) = await links.SetAsync(Kind, UserId, Token, password, again, HttpContext.RequestAborted);
        if (problem is not null)
        {
            (LinkWorks, Email, Error) = (user is not null, user?.Email, Say(problem));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return RedirectToPage("/SignIn", new { passwordSet = true, email = user!.Email });
    }

    private string Say(Message message) => text[message.Template, message.Values].Value;
}

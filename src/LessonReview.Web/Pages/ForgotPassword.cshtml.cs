using LessonReview.Web.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Pages;

/// <summary>
/// "Forgot your password?": mails a reset link (or the invitation again) to an account with this
/// address. The answer is the same whether or not one exists, so the form tells nobody who has an account.
/// </summary>
public sealed class ForgotPasswordModel(AccountService accounts, PasswordLinks links, IStringLocalizer<SharedText> text) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || !Email.Contains('@'))
        {
            Error = text["Give an e-mail address such as name@example.org."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await accounts.FindAsync(Email) is { IsDisabled: false } user)
            await links.SendAsync(user, text["Your coordinator"], HttpContext.RequestAborted, askersLanguage: Languages.Current);
        Sent = true;
        return Page();
    }
}

using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

public sealed class SignInModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password)
            ? null
            : await accounts.VerifyAsync(Email, Password, HttpContext.RequestAborted);
        if (user is null)
        {
            Error = "That e-mail and password do not match an account. Check both and try again, or ask your coordinator to reset your password.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await CookieSession.SignInAsync(HttpContext, user);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/lessons");
    }
}

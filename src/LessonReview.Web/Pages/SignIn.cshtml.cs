using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

public sealed class SignInModel(SignInService signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    /// <summary>Arrived from setting a password (an invitation or a reset).</summary>
    [BindProperty(SupportsGet = true)] public bool PasswordSet { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await signIn.SignInAsync(Email, Password);
        if (!outcome.Succeeded)
        {
            Error = outcome.Message; // already in the reader's language (SignInService)
            Response.StatusCode = outcome.Status;
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/"); // "/" sends each role to its start page
    }
}

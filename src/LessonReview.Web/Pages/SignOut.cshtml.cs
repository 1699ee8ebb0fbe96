using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/signin");

    public async Task<IActionResult> OnPostAsync()
    {
        await CookieSession.SignOutAsync(HttpContext);
        return Redirect("/signin");
    }
}

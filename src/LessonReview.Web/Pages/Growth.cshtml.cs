using LessonReview.Web.Accounts;
using LessonReview.Web.Framework;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

/// <summary>A trainee's growth: each framework area's level across their lessons, as a chart with the same numbers in a table.</summary>
[Authorize]
public sealed class GrowthModel(GrowthHistory history) : PageModel
{
    public IReadOnlyList<AreaGrowthDto> Areas { get; private set; } = [];
    public bool IsTrainee { get; private set; }

    public async Task OnGetAsync()
    {
        var caller = Caller.Of(User);
        IsTrainee = caller.IsTrainee;
        if (IsTrainee) Areas = await history.OfAsync(caller.Id, HttpContext.RequestAborted);
    }

    // The chart's frame: a 600×160 drawing, levels bottom (1) to top, lessons left to right.
    public const double Width = 600, Height = 160, Pad = 24;

    public static (double X, double Y) At(AreaGrowthDto area, int index, int level)
    {
        var n = area.Points.Count;
        var x = n == 1 ? Width / 2 : Pad + index * (Width - 2 * Pad) / (n - 1);
        var y = Height - Pad - (level - 1) * (Height - 2 * Pad) / Math.Max(1, area.MaxLevel - 1);
        return (x, y);
    }

    public static string N(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

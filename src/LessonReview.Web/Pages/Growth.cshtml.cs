using LessonReview.Web.Accounts;
using LessonReview.Web.Framework;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

/// <summary>A trainee's growth: each framework area's level, and their share of talk, across their lessons, as charts with the same numbers in tables.</summary>
[Authorize]
public sealed class GrowthModel(GrowthHistory history, Analysis.TalkHistory talk) : PageModel
{
    public IReadOnlyList<AreaGrowthDto> Areas { get; private set; } = [];
    public IReadOnlyList<Analysis.TalkPointDto> Talk { get; private set; } = [];
    public bool IsTrainee { get; private set; }

    public async Task OnGetAsync()
    {
        var caller = Caller.Of(User);
        IsTrainee = caller.IsTrainee;
        if (!IsTrainee) return;
        Areas = await history.OfAsync(caller.Id, includePrivate: true, HttpContext.RequestAborted); // the trainee's own page
        Talk = await talk.OfAsync(caller.Id, HttpContext.RequestAborted);
    }

    // The chart's frame: a 600×160 drawing, levels bottom (1) to top, lessons left to right.
    public const double Width = 600, Height = 160, Pad = 24;

    public static (double X, double Y) At(AreaGrowthDto area, int index, int level)
    {
        var y = Height - Pad - (level - 1) * (Height - 2 * Pad) / Math.Max(1, area.MaxLevel - 1);
        return (X(index, area.Points.Count), y);
    }

    /// <summary>Where lesson <paramref name="index"/>'s teacher share (0–1) sits in the same frame: 0% at the bottom, 100% at the top.</summary>
    public static (double X, double Y) ShareAt(int index, int count, double share) =>
        (X(index, count), Height - Pad - share * (Height - 2 * Pad));

    /// <summary>Lesson <paramref name="index"/> of <paramref name="count"/>, left to right (one alone in the middle).</summary>
    private static double X(int index, int count) => count == 1 ? Width / 2 : Pad + index * (Width - 2 * Pad) / (count - 1);

    public static string N(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace LessonReview.TestSupport;

/// <summary>
/// Dates for tests, derived from the clock so the suite passes on any day: the product compares
/// due dates and lesson dates with today, so a literal date turns into "the past" one day.
/// Days are counted in Japan, the app's default time zone, as the pages and the API count them.
/// </summary>
public static class TestCalendar
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>Today in Japan.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, Tokyo));

    /// <summary>The day <paramref name="days"/> from today in Japan (negative: before).</summary>
    public static DateOnly FromToday(int days) => Today.AddDays(days);

    /// <summary>The UTC instant of <paramref name="hour"/>:00 in Japan on <paramref name="day"/>.</summary>
    public static DateTime TokyoTimeUtc(DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), Tokyo);

    /// <summary>The form the API and tus metadata take: yyyy-MM-dd.</summary>
    public static string Iso(this DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

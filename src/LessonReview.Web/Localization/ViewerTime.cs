using LessonReview.Web.Accounts;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Localization;

/// <summary>
/// The clock as the person asking sees it: their time zone (chosen on the settings page, else
/// Localization:DefaultTimeZone). The one place "today" comes from, so the review queue, the
/// trainee's next-lesson page, the API's due-date check and the page scripts agree on overdue.
/// </summary>
public sealed class ViewerTime(IHttpContextAccessor http, IOptions<LocalizationSettings> options, TimeProvider clock)
{
    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= TimeZones.Find(http.HttpContext?.User.FindFirst(UserClaims.TimeZone)?.Value)
                                         ?? TimeZones.Find(options.Value.DefaultTimeZone)!;

    /// <summary>The zone's IANA id, for the page scripts (Intl.DateTimeFormat's timeZone).</summary>
    public string ZoneId => Zone.Id;

    public DateOnly Today => DayOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>The day an instant (UTC) falls on in the viewer's zone: when a review was requested, a last sign-in.</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(Local(utc));

    /// <summary>An instant (UTC) on the viewer's clock.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}

/// <summary>The time zones a person can choose: every IANA zone the machine knows.</summary>
public static class TimeZones
{
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id.Trim()); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }

    // Before Offered: static fields are initialised in the order they are written.
    private static readonly string[] Common = ["Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Manila", "Australia/Sydney",
        "Pacific/Auckland", "Europe/London", "America/New_York", "America/Los_Angeles", "UTC"];

    /// <summary>The zones offered on the settings page: the ones ALT programmes use first, then every other IANA zone.</summary>
    public static IReadOnlyList<string> Offered { get; } = BuildOffered();

    private static List<string> BuildOffered()
    {
        var all = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/')).Order(StringComparer.Ordinal);
        return Common.Where(id => Find(id) is not null).Concat(all.Except(Common)).ToList();
    }
}

using System.Text.RegularExpressions;
using LessonReview.TestSupport;

namespace LessonReview.Web.Tests.Deployment;

/// <summary>
/// The suite must pass on any day. A literal calendar date in a test turns into "the past" (or,
/// for a reminder, "today") some day and the product then rightly refuses it: CI went red on every
/// clone from 2026-12-01 that way. Tests take dates from <see cref="TestCalendar"/>; the files
/// below hold literal dates the product never compares with today, each with its reason.
/// </summary>
public sealed partial class CalendarProofTests
{
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["tests/LessonReview.TestSupport/FakeManagedIdentity.cs"] = "an API version, not a day",
        ["tests/LessonReview.Browser.Tests/JapaneseInterfaceTests.cs"] = "a day long past on purpose: the refusal of a past due date",
        ["tests/LessonReview.Browser.Tests/WorkspaceDetailsTests.cs"] = "a day long past on purpose: the refusal of a past due date",
        ["tests/LessonReview.Web.Tests/SchemaTests.cs"] = "an instant stored and read back, compared with nothing",
        ["tests/LessonReview.Web.Tests/UploadTests.cs"] = "the example date the API's advice names",
        ["tests/LessonReview.Web.Tests/Data/MigrationTests.cs"] = "an instant in rows of an old schema, upgraded in place",
        ["tests/LessonReview.Web.Tests/PresenceTrackerTests.cs"] = "a fixed instant for a clock-free unit",
        ["tests/LessonReview.Web.Tests/Deployment/CalendarProofTests.cs"] = "this guard's own patterns",
    };

    [Fact]
    public void No_test_outside_the_allow_list_hard_codes_a_calendar_date()
    {
        var offenders =
            from path in Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.*", SearchOption.AllDirectories)
            where path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".mjs", StringComparison.Ordinal)
            let relative = Path.GetRelativePath(Repository.Root, path).Replace('\\', '/')
            where !relative.Contains("/bin/", StringComparison.Ordinal) && !relative.Contains("/obj/", StringComparison.Ordinal)
                && !relative.Contains("node_modules", StringComparison.Ordinal) && !Allowed.ContainsKey(relative)
            from line in File.ReadLines(path).Select((text, index) => (text, number: index + 1))
            where CalendarDate().IsMatch(line.text)
            select $"{relative}:{line.number}: {line.text.Trim()}";

        Assert.True(!offenders.Any(), "Derive these dates from TestCalendar (or set the app's TimeProvider):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_guard_catches_each_form_of_a_literal_date()
    {
        Assert.All(["dueDate = \"2027-03-10\"", "new DateOnly(2026, 12, 1)", "new DateTime(2027, 3, 8, 20, 0, 0)", "new(2026, 11, 22, 9, 0, 0)"],
            line => Assert.Matches(CalendarDate(), line));
        Assert.DoesNotMatch(CalendarDate(), "TestCalendar.FromToday(14).Iso()");
    }

    [GeneratedRegex(@"\b20\d\d-[01]\d-[0-3]\d\b|new(\s+Date(Only|Time|TimeOffset))?\(\s*20\d\d\s*,")]
    private static partial Regex CalendarDate();
}

using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Browser.Tests.Journeys;

/// <summary>
/// The app the journeys run against: the seeded trainee (Tomoko), mentor (Mia) and coordinator, and
/// one ready 30-second lesson of Tomoko's with a next lesson date. Steps that need state of their
/// own (a review to move, a later lesson) make it through the API, so each step starts where a
/// person would be at that point of the journey. Mail goes to a real SMTP server on loopback.
/// </summary>
public sealed class JourneyHost : AppHost, IAsyncLifetime
{
    public JourneyHost() : this(SmtpServer.StartAsync().GetAwaiter().GetResult()) { }

    private JourneyHost(SmtpServer smtp) : base(smtp.AppSettings()) => Smtp = smtp;

    public SmtpServer Smtp { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public Guid LessonId { get; private set; }
    public Guid MentorId { get; private set; }
    public const string LessonTitle = "南中学校 2年 Unit 4 · weather";

    public async Task InitializeAsync()
    {
        var trainee = await TraineeAsync();
        var bytes = await File.ReadAllBytesAsync(await TestClips.Mpeg4Async(seconds: 30));
        var created = await Tus.CreateAsync(trainee, bytes.Length,
            Tus.Metadata(("filename", "class.avi"), ("title", LessonTitle), ("lessonDate", TestCalendar.FromToday(-7).Iso()), ("nextLessonDate", TestCalendar.FromToday(14).Iso())));
        await Tus.PatchAsync(trainee, created.Headers.Location!.ToString(), 0, new ByteArrayContent(bytes));
        LessonId = Guid.Parse(created.Headers.Location!.ToString().Split('/').Last());
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, LessonId, 120)).Status);
        MentorId = await AppHost.IdOfAsync(await MentorAsync());
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>A new review of <paramref name="lessonId"/> (the shared lesson unless given) asking Mia.</summary>
    public async Task<Guid> MentoredReviewAsync(Guid? lessonId = null)
    {
        var response = await (await TraineeAsync()).PostAsJsonAsync($"/api/lessons/{lessonId ?? LessonId}/reviews", new { mentorIds = new[] { MentorId } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewDto>())!.Id;
    }

    /// <summary>Another ready lesson of Tomoko's (a short H.264 clip: ready in seconds).</summary>
    public async Task<Guid> ReadyLessonAsync(string title)
    {
        var trainee = await TraineeAsync();
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.LandscapeH264Async(), title);
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);
        return lessonId;
    }

    /// <summary>Tomoko's lesson with real talk (a synthesised class, ~77 s), uploaded once and analysed; the API's analysis of it.</summary>
    public async Task<(Guid LessonId, LessonReview.Web.Analysis.TalkDto Talk)> TalkLessonAsync()
    {
        await _talkGate.WaitAsync();
        try
        {
            if (_talkLesson is { } known) return known;
            var trainee = await TraineeAsync();
            var lessonId = await Tus.UploadAsync(trainee, (await TestClips.ClassroomLessonAsync()).Path, TalkLessonTitle);
            Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);
            var talk = await LessonReview.Web.Tests.Analysis.TalkTests.WaitForTalkAsync(trainee, lessonId);
            Assert.Equal("ready", talk.Status);
            return (_talkLesson = (lessonId, talk)).Value;
        }
        finally
        {
            _talkGate.Release();
        }
    }

    public const string TalkLessonTitle = "北小学校 6年 · my weekend";
    private readonly SemaphoreSlim _talkGate = new(1, 1);
    private (Guid, LessonReview.Web.Analysis.TalkDto)? _talkLesson;

    /// <summary>Two areas of a growth framework for one step (archive them after: other steps move reviews to follow-up without ratings).</summary>
    public async Task<(LessonReview.Web.Framework.AreaDto English, LessonReview.Web.Framework.AreaDto Team)> FrameworkAsync()
    {
        var coordinator = await CoordinatorAsync();
        async Task<LessonReview.Web.Framework.AreaDto> Add(string name, string nameJa) =>
            (await (await coordinator.PostAsJsonAsync("/api/framework/areas", new
            {
                name, nameJa,
                levels = new[] { ($"{name}: beginning", $"{nameJa}: 初級"), ($"{name}: growing", $"{nameJa}: 中級"), ($"{name}: confident", $"{nameJa}: 上級") }
                    .Select(l => new { descriptor = l.Item1, descriptorJa = l.Item2 }).ToArray(),
            })).Content.ReadFromJsonAsync<LessonReview.Web.Framework.AreaDto>())!;
        return (await Add("Classroom English", "教室英語"), await Add("Team teaching", "ティーム・ティーチング"));
    }

    public async Task ArchiveAsync(params LessonReview.Web.Framework.AreaDto[] areas)
    {
        var coordinator = await CoordinatorAsync();
        foreach (var area in areas) await coordinator.DeleteAsync($"/api/framework/areas/{area.Id}");
    }

    /// <summary>Today in Japan (the app's default time zone), as the pages count days.</summary>
    public static DateOnly Today => TestCalendar.Today;

    /// <summary>Mia agrees an action item due a week from today.</summary>
    public async Task<ActionItemDto> ActionItemAsync(Guid reviewId, string text, params Guid[] commentIds)
    {
        var dueDate = Today.AddDays(7).ToString("yyyy-MM-dd");
        var response = await (await MentorAsync()).PostAsJsonAsync($"/api/reviews/{reviewId}/action-items", new { text, commentIds, dueDate });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ActionItemDto>())!;
    }

    /// <summary>Time passes: the item's day is <paramref name="daysAgo"/> days behind (written to the row: the API rightly refuses past dates).</summary>
    public async Task MakeOverdueAsync(Guid itemId, int daysAgo)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReview.Core.Data.LessonReviewDb>();
        var row = await db.ActionItems.SingleAsync(i => i.Id == itemId);
        row.DueDate = Today.AddDays(-daysAgo);
        await db.SaveChangesAsync();
    }
}

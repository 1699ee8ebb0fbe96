using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;

namespace LessonReview.Web.Tests.Support;

/// <summary>An app with one ready lesson of the seeded trainee (taught a week ago, next lesson <see cref="NextLessonDate"/>), ready to be reviewed.</summary>
public class ReviewHost : AppHost, IAsyncLifetime
{
    public ReviewHost() : this(new Dictionary<string, string?>()) { }

    protected ReviewHost(Dictionary<string, string?> settings) : base(settings) { }

    public Guid LessonId { get; private set; }

    /// <summary>The lesson's next lesson: two weeks from the day the host started, so never in the past during a run.</summary>
    public DateOnly NextLessonDate { get; } = TestCalendar.FromToday(14);
    public Guid MentorId { get; private set; }

    public async Task InitializeAsync()
    {
        var trainee = await TraineeAsync();
        var bytes = await File.ReadAllBytesAsync(await TestClips.LandscapeH264Async());
        var created = await Tus.CreateAsync(trainee, bytes.Length,
            Tus.Metadata(("filename", "class.mp4"), ("title", "Unit 3"), ("lessonDate", TestCalendar.FromToday(-7).Iso()), ("nextLessonDate", NextLessonDate.Iso())));
        await Tus.PatchAsync(trainee, created.Headers.Location!.ToString(), 0, new ByteArrayContent(bytes));
        LessonId = Guid.Parse(created.Headers.Location!.ToString().Split('/').Last());
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, LessonId)).Status);
        MentorId = await AppHost.IdOfAsync(await MentorAsync());
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>The trainee opens a new review of the lesson with the seeded mentor.</summary>
    public async Task<ReviewDto> OpenReviewAsync(HttpClient trainee, Guid? lessonId = null)
    {
        var response = await trainee.PostAsJsonAsync($"/api/lessons/{lessonId ?? LessonId}/reviews", new { mentorIds = new[] { MentorId } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewDto>())!;
    }

    public static async Task<CommentDto> CommentAsync(HttpClient client, Guid reviewId, double at, string text, string kind = "observation")
    {
        var response = await client.PostAsJsonAsync($"/api/reviews/{reviewId}/comments", new { id = Guid.NewGuid(), atSeconds = at, kind, text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommentDto>())!;
    }
}

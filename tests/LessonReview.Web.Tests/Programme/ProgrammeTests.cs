using System.Net;
using System.Net.Http.Json;
using System.Text;
using LessonReview.Web.Programme;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Tests.Programme;

/// <summary>
/// The programme at a glance (issue 12): reviews per stage, waiting for a mentor and for how long,
/// overdue items, quiet trainees, mentors' response times, filtered by school and mentor, and its CSV.
/// Each test works in a school of its own, so the numbers are exactly its own.
/// </summary>
public sealed class ProgrammeTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    [Theory]
    [InlineData("trainee")]
    [InlineData("mentor")]
    public async Task Only_coordinators_see_the_programme(string who)
    {
        var caller = who == "trainee" ? await host.TraineeAsync() : await host.MentorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync("/api/programme")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync("/api/programme/trainees.csv")).StatusCode);
    }

    [Fact]
    public async Task The_programme_counts_stages_waiting_overdue_quiet_and_response_times_of_one_school()
    {
        var school = $"Minami JHS {Guid.NewGuid():N}"[..24];
        var coordinator = await host.CoordinatorAsync();
        var (busy, busyId) = await TraineeAtAsync(coordinator, school, "Busy Trainee");
        var (_, quietId) = await TraineeAtAsync(coordinator, school, "Quiet Trainee");
        var mentor = await host.NewUserAsync("mentor", "Programme Mentor");
        var mentorId = await AppHost.IdOfAsync(mentor);
        var lessonId = await Tus.UploadAsync(busy, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "Unit 5");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(busy, lessonId)).Status);

        var waiting = await OpenAsync(busy, lessonId, mentorId);
        var answered = await OpenAsync(busy, lessonId, mentorId);
        await ReviewHost.CommentAsync(mentor, answered, 2, "Clear instructions");
        await mentor.PostAsJsonAsync($"/api/reviews/{answered}/stage", new { stage = "educate" });
        var item = (await (await mentor.PostAsJsonAsync($"/api/reviews/{answered}/action-items", new { text = "Wait five seconds after a question" }))
            .Content.ReadFromJsonAsync<ActionItemDto>())!;
        await host.DbAsync(db => db.ActionItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.DueDate, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3))));
        await busy.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { kind = "self" }); // private: not counted

        var programme = (await coordinator.GetFromJsonAsync<ProgrammeDto>($"/api/programme?school={Uri.EscapeDataString(school)}"))!;

        Assert.Equal(school, programme.School);
        Assert.Contains(school, programme.Schools);
        Assert.Equal(new StageCountsDto(1, 1, 0, 0), programme.Stages);
        var w = Assert.Single(programme.Waiting);
        Assert.Equal((waiting, "Busy Trainee", "Unit 5"), (w.ReviewId, w.TraineeName, w.LessonTitle));
        Assert.Equal(["Programme Mentor"], w.MentorNames);
        var o = Assert.Single(programme.Overdue);
        Assert.Equal(("Wait five seconds after a question", "Busy Trainee", answered), (o.Text, o.TraineeName, o.ReviewId));
        Assert.InRange(o.DaysOverdue, 2, 4); // three days by UTC; the programme's "today" is Tokyo's
        Assert.Equal([("Busy Trainee", false), ("Quiet Trainee", true)], programme.Trainees.Select(t => (t.Name, t.Quiet)));
        Assert.Null(programme.Trainees.Single(t => t.Id == quietId).LastReviewAt);
        Assert.Equal((1, 1), (programme.Trainees.Single(t => t.Id == busyId).OpenItems, programme.Trainees.Single(t => t.Id == busyId).OverdueItems));
        var m = Assert.Single(programme.Mentors);
        Assert.Equal(("Programme Mentor", 1, 1), (m.Name, m.Answered, m.Unanswered));
        Assert.NotNull(m.MedianResponseHours);

        // Another mentor's view of the same school: none of these reviews are theirs.
        var other = (await coordinator.GetFromJsonAsync<ProgrammeDto>($"/api/programme?school={Uri.EscapeDataString(school)}&mentorId={host.MentorId}"))!;
        Assert.Equal(new StageCountsDto(0, 0, 0, 0), other.Stages);
        Assert.Empty(other.Waiting);
    }

    [Fact]
    public async Task A_trainee_whose_last_review_is_older_than_the_quiet_days_is_listed_with_its_day()
    {
        var school = $"Kita ES {Guid.NewGuid():N}"[..20];
        var coordinator = await host.CoordinatorAsync();
        var (trainee, _) = await TraineeAtAsync(coordinator, school, "Long Ago Trainee");
        var lessonId = await Tus.UploadAsync(trainee, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "Unit 1");
        await Tus.WaitUntilProcessedAsync(trainee, lessonId);
        var reviewId = await OpenAsync(trainee, lessonId, host.MentorId);
        var longAgo = DateTime.UtcNow.AddDays(-40);
        await host.DbAsync(db => db.Reviews.Where(r => r.Id == reviewId).ExecuteUpdateAsync(s => s.SetProperty(r => r.SharedAt, longAgo).SetProperty(r => r.CreatedAt, longAgo)));

        var programme = (await coordinator.GetFromJsonAsync<ProgrammeDto>($"/api/programme?school={Uri.EscapeDataString(school)}"))!;

        var row = Assert.Single(programme.Trainees);
        Assert.True(row.Quiet);
        Assert.Equal(DateOnly.FromDateTime(longAgo), DateOnly.FromDateTime(row.LastReviewAt!.Value));
        Assert.Equal(40, (int)Math.Round(Assert.Single(programme.Waiting).WaitingDays));
    }

    [Fact]
    public async Task The_csv_has_a_row_per_trainee_in_the_readers_language()
    {
        var school = $"Higashi HS {Guid.NewGuid():N}"[..22];
        var coordinator = await host.CoordinatorAsync();
        await TraineeAtAsync(coordinator, school, "=Formula Trainee");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/programme/trainees.csv?school={Uri.EscapeDataString(school)}") { Headers = { { "Accept-Language", "ja" } } };

        var response = await coordinator.SendAsync(request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("\"研修者\",\"メールアドレス\",\"学校\",\"観察\"", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("\"'=Formula Trainee\"", lines[1]); // a spreadsheet formula is defused
        Assert.EndsWith("\"はい\"", lines[1]); // quiet: never asked for a review
    }

    private async Task<(HttpClient Client, Guid Id)> TraineeAtAsync(HttpClient coordinator, string school, string name)
    {
        var client = await host.NewUserAsync("trainee", name);
        var id = await AppHost.IdOfAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync($"/api/users/{id}", new { school })).StatusCode);
        return (client, id);
    }

    private static async Task<Guid> OpenAsync(HttpClient trainee, Guid lessonId, Guid mentorId)
    {
        var response = await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = new[] { mentorId } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewDto>())!.Id;
    }
}

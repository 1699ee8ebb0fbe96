using System.Net.Http.Json;
using LessonReview.Web.Lessons;
using LessonReview.Web.Programme;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests.Programme;

/// <summary>A newcomer's first start in Development: a living programme at once, with reviews in every stage and playable lessons.</summary>
public sealed class DemoProgrammeTests
{
    [Fact]
    public async Task A_first_start_in_development_seeds_a_programme_with_every_stage_and_playable_lessons_and_a_restart_adds_nothing()
    {
        using var data = new LessonReview.TestSupport.TempFolder();
        var host = AppHost.With(new() { ["Seed:DemoProgramme"] = "true" }, data.Path);
        var coordinator = await host.CoordinatorAsync();

        var programme = (await coordinator.GetFromJsonAsync<ProgrammeDto>("/api/programme"))!;
        Assert.Equal(new StageCountsDto(1, 1, 1, 1), programme.Stages);
        Assert.Equal("南中学校 2年 Unit 6 · travel", Assert.Single(programme.Waiting).LessonTitle);
        Assert.Equal("Model the role-play with the JTE before pairs start.", Assert.Single(programme.Overdue).Text);
        Assert.Equal(["Sofia Reyes"], programme.Quiet.Select(t => t.Name));
        Assert.Equal(["北小学校", "南中学校"], programme.Schools.Order(StringComparer.Ordinal));

        var deadline = DateTime.UtcNow.AddSeconds(120);
        List<LessonDto> lessons;
        do
        {
            lessons = (await coordinator.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!;
            if (lessons.All(l => l.Status == "ready")) break;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(4, lessons.Count);
        Assert.All(lessons, l => Assert.Equal(("ready", 60), (l.Status, (int)Math.Round(l.DurationSeconds ?? 0))));

        // The mentors were told of the review that waits for them.
        var mentor = await host.MentorAsync();
        Assert.Contains((await mentor.GetFromJsonAsync<LessonReview.Web.Notifications.NotificationsDto>("/api/notifications"))!.Items,
            n => n.Text == "Tomoko Trainee asked you to review “南中学校 2年 Unit 6 · travel”.");

        // A restart of the same server seeds nothing again.
        host.Dispose();
        using var again = AppHost.With(new() { ["Seed:DemoProgramme"] = "true" }, data.Path);
        Assert.Equal(4, (await (await again.CoordinatorAsync()).GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!.Count);
    }
}

using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Core.Notifications;
using LessonReview.Web.Notifications;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Web.Tests.Notifications;

/// <summary>
/// Notifications (issue 12): in the app (list, unread count, live over the hub) and by e-mail through
/// a real SMTP server, in the recipient's language, with per-kind opt-out; reminders and digests.
/// </summary>
public sealed class NotificationTests(MailHost host) : IClassFixture<MailHost>
{
    [Fact]
    public async Task A_mentor_asked_for_a_review_is_told_in_the_app_live_and_by_mail_with_a_link_to_it()
    {
        var mentor = await host.MentorAsync();
        await using var probe = await HubProbe.StartAsync(host, mentor);
        var before = (await mentor.GetFromJsonAsync<NotificationsDto>("/api/notifications"))!.Unread;

        var review = await host.OpenReviewAsync(await host.TraineeAsync());

        var live = await probe.WaitForAsync("NotificationsChanged", d => d.GetProperty("unread").GetInt32() == before + 1);
        var list = (await mentor.GetFromJsonAsync<NotificationsDto>("/api/notifications"))!;
        Assert.Equal(before + 1, list.Unread);
        var newest = list.Items[0];
        Assert.Equal(("review-requested", "Tomoko Trainee asked you to review “Unit 3”.", $"/reviews/{review.Id}", false),
            (newest.Kind, newest.Text, newest.Link, newest.Read));

        var mail = await host.WaitForMailAsync("mentor@example.org", "Tomoko Trainee asked you to review", $"/reviews/{review.Id}");
        Assert.Equal("lessonreview@example.org", mail.From.Mailboxes.Single().Address);
        Assert.Contains($"http://lessonreview.test/reviews/{review.Id}", mail.TextBody);
        Assert.Contains("http://lessonreview.test/settings#email", mail.TextBody); // how to stop them

        // Reading the list clears the count, on every open page of that person.
        var read = await mentor.PostAsync("/api/notifications/read", null);
        Assert.Equal(0, (await read.Content.ReadFromJsonAsync<NotificationsDto>())!.Unread);
        await probe.WaitForAsync("NotificationsChanged", d => d.GetProperty("unread").GetInt32() == 0);
    }

    [Fact]
    public async Task A_mentor_who_reads_Japanese_gets_the_mail_in_Japanese_and_only_mentors_newly_added_are_told()
    {
        var jte = await host.NewUserAsync("mentor", "佐藤 先生");
        var jteEmail = (await jte.GetFromJsonAsync<LessonReview.Web.Accounts.SessionApi.UserDto>("/api/me"))!.Email!;
        await SetLanguageAsync(jteEmail, "ja");
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        await host.WaitForMailAsync("mentor@example.org", "Tomoko Trainee asked you", $"/reviews/{review.Id}"); // the seeded mentor, asked at opening

        var jteId = await AppHost.IdOfAsync(jte);
        var put = await (await host.TraineeAsync()).PutAsJsonAsync($"/api/reviews/{review.Id}/mentors", new { userIds = new[] { host.MentorId, jteId } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var mail = await host.WaitForMailAsync(jteEmail, "Tomoko Trainee");
        Assert.Equal("Tomoko Traineeさんから「Unit 3」のレビューを頼まれました。", mail.Subject);
        Assert.Contains($"開く: http://lessonreview.test/reviews/{review.Id}", mail.TextBody);
        // The list is written in the language of the page asking (here a Japanese browser).
        using var inJapanese = new HttpRequestMessage(HttpMethod.Get, "/api/notifications") { Headers = { { "Accept-Language", "ja" } } };
        var list = await (await jte.SendAsync(inJapanese)).Content.ReadFromJsonAsync<NotificationsDto>();
        Assert.Equal("Tomoko Traineeさんから「Unit 3」のレビューを頼まれました。", list!.Items[0].Text);
        await Task.Delay(1500); // the seeded mentor, already on the review, is not asked again
        Assert.Single(host.Mails(), m => m.To.Mailboxes.Any(a => a.Address == "mentor@example.org") && (m.TextBody ?? "").Contains($"/reviews/{review.Id}"));
    }

    [Fact]
    public async Task The_trainee_hears_of_feedback_and_follow_up_and_a_kind_turned_off_is_not_mailed_but_still_listed()
    {
        var trainee = await host.NewUserAsync("trainee", "Opt Out Trainee");
        var traineeEmail = (await trainee.GetFromJsonAsync<LessonReview.Web.Accounts.SessionApi.UserDto>("/api/me"))!.Email!;
        var lessonId = await LessonOfAsync(trainee);
        var review = await host.OpenReviewAsync(trainee, lessonId);
        var mentor = await host.MentorAsync();

        var off = await trainee.PutAsJsonAsync("/api/notifications/preferences", new { emailOff = new[] { "feedback-ready" } });
        Assert.Equal(["feedback-ready"], (await off.Content.ReadFromJsonAsync<NotificationsApi.PreferencesDto>())!.EmailOff);

        await ReviewHost.CommentAsync(mentor, review.Id, 3, "Good warm-up");
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/stage", new { stage = "educate" })).StatusCode);
        await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", new { text = "Use names when praising" });
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/stage", new { stage = "follow-up" })).StatusCode);

        var mail = await host.WaitForMailAsync(traineeEmail, "is in follow-up");
        Assert.Equal("“Unit 3” is in follow-up: Mia Mentor set your action items. Look at them before your next lesson.", mail.Subject);
        var texts = (await trainee.GetFromJsonAsync<NotificationsDto>("/api/notifications"))!.Items.Select(i => i.Text).ToList();
        Assert.Equal(["“Unit 3” is in follow-up: Mia Mentor set your action items. Look at them before your next lesson.",
                      "Feedback on “Unit 3” is ready: Mia Mentor moved it to educate."], texts);
        Assert.Empty(host.MailsTo(traineeEmail, "Feedback on")); // turned off: listed, not mailed
        Assert.Equal(0, await host.DbAsync(db => db.OutgoingMail.CountAsync(m => m.To == traineeEmail && m.Subject.StartsWith("Feedback on"))));
    }

    [Fact]
    public async Task Unknown_kinds_are_refused_in_words_and_the_preferences_name_the_kinds_of_the_role()
    {
        var mentor = await host.MentorAsync();
        var refused = await mentor.PutAsJsonAsync("/api/notifications/preferences", new { emailOff = new[] { "everything" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Unknown notification kinds: everything", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var preferences = (await mentor.GetFromJsonAsync<NotificationsApi.PreferencesDto>("/api/notifications/preferences"))!;
        Assert.True(preferences.EmailEnabled);
        Assert.Equal(["review-requested"], preferences.Kinds);
    }

    [Fact]
    public async Task Items_due_tomorrow_are_reminded_once_from_the_morning_of_the_day_before_in_the_trainees_zone()
    {
        var trainee = await host.NewUserAsync("trainee", "Reminded Trainee");
        var traineeEmail = (await trainee.GetFromJsonAsync<LessonReview.Web.Accounts.SessionApi.UserDto>("/api/me"))!.Email!;
        var review = await host.OpenReviewAsync(trainee, await LessonOfAsync(trainee));
        var mentor = await host.MentorAsync();
        var dueDate = TestCalendar.FromToday(30);
        foreach (var text in new[] { "Use names when praising", "Model the task first" })
            await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", new { text, dueDate = dueDate.Iso() });
        var scanner = host.Services.GetRequiredService<ReminderScanner>();

        // Asia/Tokyo (the default zone): 05:00 the day before is too early, 08:00 is the time; a later scan adds nothing.
        var dayBefore = dueDate.AddDays(-1);
        await scanner.ScanAsync(TestCalendar.TokyoTimeUtc(dayBefore, 5), default);
        Assert.DoesNotContain((await trainee.GetFromJsonAsync<NotificationsDto>("/api/notifications"))!.Items, i => i.Kind == "items-due");
        await scanner.ScanAsync(TestCalendar.TokyoTimeUtc(dayBefore, 8), default);
        await scanner.ScanAsync(TestCalendar.TokyoTimeUtc(dayBefore, 11), default);

        var due = (await trainee.GetFromJsonAsync<NotificationsDto>("/api/notifications"))!.Items.Where(i => i.Kind == "items-due").ToList();
        Assert.Equal($"2 of your action items are due tomorrow ({dueDate.Iso()}). Look at them before your next lesson.", Assert.Single(due).Text);
        Assert.Equal("/next", due[0].Link);
        await host.WaitForMailAsync(traineeEmail, $"due tomorrow ({dueDate.Iso()})");
    }

    [Fact]
    public async Task One_item_due_tomorrow_is_told_in_the_singular()
    {
        var trainee = await host.NewUserAsync("trainee", "Single Item Trainee");
        var review = await host.OpenReviewAsync(trainee, await LessonOfAsync(trainee));
        var dueDate = TestCalendar.FromToday(20);
        await (await host.MentorAsync()).PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", new { text = "Use names", dueDate = dueDate.Iso() });

        await host.Services.GetRequiredService<ReminderScanner>().ScanAsync(TestCalendar.TokyoTimeUtc(dueDate.AddDays(-1), 9), default);

        var due = Assert.Single((await trainee.GetFromJsonAsync<NotificationsDto>("/api/notifications"))!.Items, i => i.Kind == "items-due");
        Assert.Equal($"One of your action items is due tomorrow ({dueDate.Iso()}). Look at it before your next lesson.", due.Text);
    }

    [Fact]
    public async Task Coordinators_get_one_digest_on_Monday_morning()
    {
        var coordinator = await host.CoordinatorAsync();
        var scanner = host.Services.GetRequiredService<ReminderScanner>();
        // A Monday two to three weeks ahead, 09:00 in Tokyo; then again an hour later, and on the Tuesday.
        var monday = TestCalendar.FromToday(14);
        monday = monday.AddDays(((int)DayOfWeek.Monday - (int)monday.DayOfWeek + 7) % 7);
        foreach (var at in new[] { TestCalendar.TokyoTimeUtc(monday, 9), TestCalendar.TokyoTimeUtc(monday, 10), TestCalendar.TokyoTimeUtc(monday.AddDays(1), 9) })
            await scanner.ScanAsync(at, default);

        var digests = (await coordinator.GetFromJsonAsync<NotificationsDto>("/api/notifications"))!.Items.Where(i => i.Kind == "weekly-digest").ToList();
        Assert.Matches(@"^Your programme this week: reviews waiting for feedback: \d+; action items overdue: \d+; reviews finished in the last 7 days: \d+\.$", Assert.Single(digests).Text);
        await host.WaitForMailAsync("coordinator@example.org", "Your programme this week");
    }

    /// <summary>As the settings page saves it (the page itself is tested in the browser).</summary>
    private Task SetLanguageAsync(string email, string language) =>
        host.DbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.Language, language)));

    /// <summary>A ready lesson of <paramref name="trainee"/> titled like the host's, so the notices read the same.</summary>
    private static async Task<Guid> LessonOfAsync(HttpClient trainee)
    {
        var id = await Tus.UploadAsync(trainee, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "Unit 3");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, id)).Status);
        return id;
    }
}

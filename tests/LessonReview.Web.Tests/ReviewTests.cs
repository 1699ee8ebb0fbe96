using System.Net;
using System.Net.Http.Json;
using System.Text;
using LessonReview.TestSupport;
using LessonReview.Web.Lessons;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Tests;

/// <summary>Reviews: who sees them, comments, the coaching cycle's rules, catch-up, action items, exports.</summary>
public sealed class ReviewTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    [Fact]
    public async Task Assigned_mentor_sees_the_review_lesson_and_video_and_an_unassigned_one_sees_nothing()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        var stranger = await host.NewUserAsync("mentor");

        Assert.Equal(("observe", host.MentorId), (review.Stage, review.MentorIds.Single()));
        Assert.Contains((await mentor.GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == review.Id);
        var lesson = (await mentor.GetFromJsonAsync<LessonDto>($"/api/lessons/{host.LessonId}"))!;
        Assert.Contains(review.Id, lesson.ReviewIds);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync(lesson.VideoUrl)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/reviews/{review.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/lessons/{host.LessonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(lesson.VideoUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/reviews/{review.Id}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/reviews/{review.Id}/comments",
            new { atSeconds = 1, kind = "note", text = "hi" })).StatusCode);
        Assert.DoesNotContain((await stranger.GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == review.Id);
    }

    [Fact]
    public async Task Hub_refuses_a_review_group_to_an_unassigned_mentor_and_admits_the_assigned_one()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var stranger = await host.NewUserAsync("mentor");

        await using var refused = await HubProbe.StartAsync(host, stranger, ("JoinReview", review.Id), ("JoinLesson", host.LessonId));
        await using var admitted = await HubProbe.StartAsync(host, await host.MentorAsync(), ("JoinReview", review.Id));

        Assert.Equal(2, refused.Events("refused").Count());
        Assert.Empty(refused.Events("joined"));
        Assert.Contains("not one of its participants", refused.Events("refused").First().GetProperty("message").GetString());
        Assert.Single(admitted.Events("joined"));
    }

    [Fact]
    public async Task A_mentor_removed_from_a_review_stops_seeing_it_live_at_once()
    {
        var trainee = await host.TraineeAsync();
        var review = await host.OpenReviewAsync(trainee);
        await using var traineeWatching = await HubProbe.StartAsync(host, trainee, ("JoinReview", review.Id));
        await using var mentorWatching = await HubProbe.StartAsync(host, await host.MentorAsync(), ("JoinReview", review.Id));
        await traineeWatching.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 2);

        var changed = await trainee.PutAsJsonAsync($"/api/reviews/{review.Id}/mentors", new { userIds = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var revoked = await mentorWatching.WaitForAsync("AccessRevoked");
        await ReviewHost.CommentAsync(trainee, review.Id, 5, "After the mentor left");

        Assert.Contains("no longer a mentor", revoked.GetProperty("data").GetProperty("message").GetString());
        Assert.Empty((await traineeWatching.WaitForAsync("MentorsChanged")).GetProperty("data").GetProperty("mentorIds").EnumerateArray());
        await traineeWatching.WaitForAsync("CommentAdded");
        await traineeWatching.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 1);
        Assert.Empty(mentorWatching.Events("CommentAdded")); // the trainee saw it, the removed mentor did not
        var events = await trainee.GetFromJsonAsync<List<ReviewEventDto>>($"/api/reviews/{review.Id}/events?afterSeq={review.Seq}");
        Assert.Equal(["MentorsChanged", "CommentAdded"], events!.Select(e => e.Type)); // in the log, so pages catch up on it
    }

    [Fact]
    public async Task Only_the_lessons_trainee_or_a_coordinator_opens_a_review_with_real_mentors()
    {
        var trainee = await host.TraineeAsync();
        await host.OpenReviewAsync(trainee);
        var assignedMentor = await host.MentorAsync();
        var unassignedMentor = await host.NewUserAsync("mentor");
        var other = await host.OtherTraineeAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unassignedMentor.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await assignedMentor.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { })).StatusCode);
        var notMentor = await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { mentorIds = new[] { Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, notMentor.StatusCode);
        Assert.Contains("not mentors", (await notMentor.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Created, (await host.OpenMentoredReviewAsync(await host.CoordinatorAsync(), host.LessonId)).StatusCode);
    }

    [Fact]
    public async Task Comment_posts_are_idempotent_by_client_id()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        var body = new { id = Guid.NewGuid(), atSeconds = 2.5, endSeconds = 4.0, kind = "suggestion", text = "タスクを先に見せましょう — model the task first" };

        var first = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", body);
        var again = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", body);
        var clash = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", body with { text = "something else" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, again.StatusCode, clash.StatusCode));
        var stored = (await again.Content.ReadFromJsonAsync<CommentDto>())!;
        Assert.Equal((body.id, body.text, "Mia Mentor", 2.5, 4.0), (stored.Id, stored.Text, stored.AuthorName, stored.AtSeconds, stored.EndSeconds));
        Assert.Single((await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Comments);
    }

    [Fact]
    public async Task Action_item_posts_are_idempotent_by_client_id_so_a_repeated_send_adds_one_item()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        var body = new { id = Guid.NewGuid(), text = "名前で褒める — praise by name", dueDate = TestCalendar.FromToday(5).Iso() };

        var first = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", body);
        var again = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", body);
        var clash = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", body with { text = "something else" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, again.StatusCode, clash.StatusCode));
        Assert.Contains("different action item", (await clash.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var stored = (await again.Content.ReadFromJsonAsync<ActionItemDto>())!;
        Assert.Equal((body.id, body.text, TestCalendar.FromToday(5)), (stored.Id, stored.Text, stored.DueDate));
        Assert.Single((await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.ActionItems);
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_refused_in_words_a_mentor_understands()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());

        var response = await (await host.MentorAsync()).PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { atSeconds = 4.0, endSeconds = 1.0, kind = "note", text = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail!;
        Assert.StartsWith("A range must end after it starts", detail);
        Assert.DoesNotContain("atSeconds", detail); // the page shows it as it is: no field names
    }

    [Theory]
    [InlineData("chat", 1.0, "hello", "Kind must be one of")]
    [InlineData("note", 1.0, "   ", "Write something")]
    [InlineData("note", -1.0, "hello", "atSeconds")]
    [InlineData("note", 999.0, "hello", "after the end of the video")]
    public async Task Bad_comments_are_refused_with_a_reason(string kind, double at, string text, string reason)
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());

        var response = await (await host.MentorAsync()).PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { atSeconds = at, kind, text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Overlong_comment_is_refused_and_nothing_is_saved()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();

        var response = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { atSeconds = 1, kind = "note", text = new string('あ', 4001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4000", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty((await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Comments);
    }

    [Fact]
    public async Task An_action_item_made_from_a_comment_is_exported_and_printed_with_its_moment_and_named_on_the_next_lessons_review()
    {
        var trainee = await host.TraineeAsync();
        var review = await host.OpenReviewAsync(trainee);
        var mentor = await host.MentorAsync();
        var comment = await ReviewHost.CommentAsync(mentor, review.Id, 2.4, "Lost the pairs here");
        await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", new { text = "Check understanding first", commentIds = new[] { comment.Id } });

        var csv = Encoding.UTF8.GetString(await mentor.GetByteArrayAsync($"/api/reviews/{review.Id}/export.csv"));
        var print = await mentor.GetStringAsync($"/reviews/{review.Id}/print");

        Assert.Contains("\"Action item\",\"0:02\",\"\",\"\",\"\",\"Check understanding first\"", csv);
        Assert.Matches(@"<td class=""time"">0:02</td><td class=""text"">Check understanding first</td>", print);

        var nextLesson = await Tus.UploadAsync(trainee, await TestSupport.TestClips.LandscapeH264Async(), "Unit 5");
        await Tus.WaitUntilProcessedAsync(trainee, nextLesson);
        var next = await host.OpenReviewAsync(trainee, nextLesson);
        var item = next.PreviousActionItems.Single(i => i.Text == "Check understanding first");
        Assert.Equal(new ItemOriginDto(item.Id, review.Id, "Unit 3", review.LessonDate, 2.4), next.PreviousItemOrigins.Single(o => o.ItemId == item.Id));
    }

    [Fact]
    public async Task Markup_in_comments_is_stored_as_typed_and_exported_inert()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        const string script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        await ReviewHost.CommentAsync(mentor, review.Id, 1, script);
        await ReviewHost.CommentAsync(mentor, review.Id, 2, "=HYPERLINK(\"http://evil\",\"click\")");

        var stored = (await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Comments;
        var vtt = await mentor.GetStringAsync($"/api/reviews/{review.Id}/export.vtt");
        var csv = Encoding.UTF8.GetString(await mentor.GetByteArrayAsync($"/api/reviews/{review.Id}/export.csv"));

        Assert.Equal(script, stored[0].Text);
        Assert.DoesNotContain("<script>", vtt);
        Assert.Contains("&lt;script&gt;", vtt);
        Assert.Contains("\"'=HYPERLINK", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
    }

    [Fact]
    public async Task The_same_post_sent_many_times_at_once_is_stored_once_and_every_sender_gets_it()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        var body = new { id = Guid.NewGuid(), atSeconds = 3, kind = "note", text = "Sent from a flaky connection" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", body)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single((await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Comments, c => c.Id == body.id);
    }

    [Fact]
    public async Task A_hidden_NUL_character_is_400_and_nothing_is_stored()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();

        var response = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { atSeconds = 1, kind = "note", text = "copied\u0000text" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty((await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Comments);
    }

    [Fact]
    public async Task An_author_name_with_markup_or_a_line_break_cannot_break_the_WebVTT_export()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var author = await host.NewUserAsync("coordinator", "<c.red>Kenji</c>\n\n00:00:00.000 --> 00:00:09.000");
        await ReviewHost.CommentAsync(author, review.Id, 1, "Good pacing");

        var vtt = await author.GetStringAsync($"/api/reviews/{review.Id}/export.vtt");

        Assert.Contains("&lt;c.red&gt;Kenji&lt;/c&gt;  00:00:00.000 --&gt; 00:00:09.000: Good pacing", vtt);
        Assert.Equal(1, vtt.Split("-->").Length - 1); // one cue timing line, the comment's own
    }

    [Fact]
    public async Task Only_authors_edit_their_comments_and_only_the_trainee_acknowledges()
    {
        var trainee = await host.TraineeAsync();
        var review = await host.OpenReviewAsync(trainee);
        var mentor = await host.MentorAsync();
        var comment = await ReviewHost.CommentAsync(mentor, review.Id, 3, "Good eye contact", "strength");

        Assert.Equal(HttpStatusCode.Forbidden, (await trainee.PatchAsJsonAsync($"/api/reviews/{review.Id}/comments/{comment.Id}", new { text = "changed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trainee.DeleteAsync($"/api/reviews/{review.Id}/comments/{comment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostAsync($"/api/reviews/{review.Id}/comments/{comment.Id}/acknowledge", null)).StatusCode);

        var edited = await mentor.PatchAsJsonAsync($"/api/reviews/{review.Id}/comments/{comment.Id}", new { text = "Good eye contact with the back row" });
        var acknowledged = await trainee.PostAsync($"/api/reviews/{review.Id}/comments/{comment.Id}/acknowledge", null);

        Assert.Equal("Good eye contact with the back row", (await edited.Content.ReadFromJsonAsync<CommentDto>())!.Text);
        Assert.NotNull((await acknowledged.Content.ReadFromJsonAsync<CommentDto>())!.AcknowledgedAt);
        Assert.Equal(HttpStatusCode.NoContent, (await (await host.CoordinatorAsync()).DeleteAsync($"/api/reviews/{review.Id}/comments/{comment.Id}")).StatusCode);
        Assert.Empty((await trainee.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Comments);
    }

    [Fact]
    public async Task The_coaching_cycle_follows_its_rules_and_records_who_moved_it()
    {
        var trainee = await host.TraineeAsync();
        var review = await host.OpenReviewAsync(trainee);
        var mentor = await host.MentorAsync();
        async Task<(HttpStatusCode, string?)> Move(HttpClient who, string stage)
        {
            var response = await who.PostAsJsonAsync($"/api/reviews/{review.Id}/stage", new { stage });
            return (response.StatusCode, response.IsSuccessStatusCode ? null : (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Move(trainee, "educate")).Item1);
        Assert.Contains("one stage at a time", (await Move(mentor, "follow-up")).Item2);
        Assert.Contains("at least one comment", (await Move(mentor, "educate")).Item2);
        var comment = await ReviewHost.CommentAsync(mentor, review.Id, 1, "Students lost during pair work");
        Assert.Equal(HttpStatusCode.OK, (await Move(mentor, "educate")).Item1);
        Assert.Contains("at least one action item", (await Move(mentor, "follow-up")).Item2);
        var item = await (await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", new { text = "Model the task first", commentIds = new[] { comment.Id } }))
            .Content.ReadFromJsonAsync<ActionItemDto>();
        Assert.Equal((host.NextLessonDate, comment.Id), (item!.DueDate, item.CommentIds.Single())); // due at the next lesson by default
        Assert.Equal(HttpStatusCode.OK, (await Move(mentor, "follow-up")).Item1);
        Assert.Contains("still open", (await Move(mentor, "done")).Item2);
        await mentor.PatchAsJsonAsync($"/api/reviews/{review.Id}/action-items/{item.Id}", new { status = "done" });
        Assert.Equal(HttpStatusCode.OK, (await Move(mentor, "done")).Item1);

        var final = (await trainee.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!;
        Assert.Equal("done", final.Stage);
        Assert.Equal(["observe", "educate", "follow-up", "done"], final.StageHistory.Select(h => h.Stage));
        Assert.All(final.StageHistory.Skip(1), h => Assert.Equal(host.MentorId, h.ByUserId));
    }

    [Fact]
    public async Task Catch_up_returns_every_change_after_a_seq_once_and_in_order()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        var first = await ReviewHost.CommentAsync(mentor, review.Id, 1, "first");
        var second = await ReviewHost.CommentAsync(mentor, review.Id, 2, "second");
        await mentor.PatchAsJsonAsync($"/api/reviews/{review.Id}/comments/{second.Id}", new { text = "second, edited" });
        await mentor.DeleteAsync($"/api/reviews/{review.Id}/comments/{first.Id}");

        var events = (await mentor.GetFromJsonAsync<List<ReviewEventDto>>($"/api/reviews/{review.Id}/events?afterSeq={first.Seq}"))!;

        Assert.Equal(["CommentAdded", "CommentUpdated", "CommentDeleted"], events.Select(e => e.Type));
        Assert.Equal(Enumerable.Range((int)first.Seq + 1, 3).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal("second, edited", events[1].Data.GetProperty("text").GetString());
        Assert.Equal(first.Id, events[2].Data.GetProperty("commentId").GetGuid());
        Assert.Equal(events[^1].Seq, (await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Seq);
    }

    [Fact]
    public async Task Viewers_receive_each_change_live_and_see_who_is_watching()
    {
        var trainee = await host.TraineeAsync();
        var review = await host.OpenReviewAsync(trainee);
        var mentor = await host.MentorAsync();
        await using var watching = await HubProbe.StartAsync(host, trainee, ("JoinReview", review.Id));
        await using var mentorWatching = await HubProbe.StartAsync(host, mentor, ("JoinReview", review.Id));

        var comment = await ReviewHost.CommentAsync(mentor, review.Id, 4, "Students lost — model the task first");
        await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/stage", new { stage = "educate" });

        var added = await watching.WaitForAsync("CommentAdded");
        Assert.Equal((comment.Id, 4.0), (added.GetProperty("data").GetProperty("id").GetGuid(), added.GetProperty("data").GetProperty("atSeconds").GetDouble()));
        var stage = await watching.WaitForAsync("StageChanged");
        Assert.Equal("educate", stage.GetProperty("data").GetProperty("stage").GetString());
        var presence = await watching.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 2);
        Assert.Contains(presence.GetProperty("data").GetProperty("viewers").EnumerateArray(), v => v.GetProperty("role").GetString() == "mentor");
    }

    [Fact]
    public async Task Open_action_items_follow_the_trainee_to_the_next_lessons_review_and_can_be_checked_off_there()
    {
        var trainee = await host.TraineeAsync();
        var first = await host.OpenReviewAsync(trainee);
        var mentor = await host.MentorAsync();
        var item = (await (await mentor.PostAsJsonAsync($"/api/reviews/{first.Id}/action-items", new { text = "Use names when praising", dueDate = TestCalendar.FromToday(3).Iso() }))
            .Content.ReadFromJsonAsync<ActionItemDto>())!;
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PatchAsJsonAsync($"/api/reviews/{first.Id}/action-items/{item.Id}", new { acknowledged = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trainee.PatchAsJsonAsync($"/api/reviews/{first.Id}/action-items/{item.Id}", new { acknowledged = true })).StatusCode);

        var nextLesson = await Tus.UploadAsync(trainee, await TestSupport.TestClips.LandscapeH264Async(), "Unit 4");
        await Tus.WaitUntilProcessedAsync(trainee, nextLesson);
        var next = await host.OpenReviewAsync(trainee, nextLesson);

        Assert.Contains(next.PreviousActionItems, i => i.Id == item.Id && i.AcknowledgedAt != null);
        var checkedOff = await mentor.PatchAsJsonAsync($"/api/reviews/{next.Id}/action-items/{item.Id}", new { status = "done" });
        Assert.Equal(HttpStatusCode.OK, checkedOff.StatusCode);
        Assert.DoesNotContain((await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{next.Id}"))!.PreviousActionItems, i => i.Id == item.Id);
        Assert.Equal("done", (await trainee.GetFromJsonAsync<ReviewDto>($"/api/reviews/{first.Id}"))!.ActionItems.Single().Status);
    }

    [Fact]
    public async Task The_queue_puts_overdue_items_first_then_the_request_waiting_longest_never_a_later_due_date_above_an_unanswered_request()
    {
        var trainee = await host.TraineeAsync();
        var mentor = await host.MentorAsync();
        var waiting = await host.OpenReviewAsync(trainee);      // asked first, nobody has answered
        var dueLater = await host.OpenReviewAsync(trainee);     // asked next, an item due in three days
        var newest = await host.OpenReviewAsync(trainee);       // asked last
        var overdue = await host.OpenReviewAsync(trainee);      // asked last of all, an item overdue
        await mentor.PostAsJsonAsync($"/api/reviews/{dueLater.Id}/action-items", new { text = "Praise by name", dueDate = TestCalendar.FromToday(3).Iso() });
        var late = (await (await mentor.PostAsJsonAsync($"/api/reviews/{overdue.Id}/action-items", new { text = "Model first" }))
            .Content.ReadFromJsonAsync<ActionItemDto>())!;
        // Made due two days ago by writing the row: the API rightly refuses past dates.
        await host.DbAsync(db => db.ActionItems.Where(i => i.Id == late.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.DueDate, TestCalendar.FromToday(-2))));

        var queue = (await mentor.GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!.Select(r => r.Id).ToList();

        var order = new[] { overdue.Id, waiting.Id, dueLater.Id, newest.Id };
        Assert.Equal(order, queue.Where(order.Contains));
    }

    [Fact]
    public async Task A_mentor_of_a_later_review_cannot_change_an_earlier_review_they_do_not_see()
    {
        var trainee = await host.TraineeAsync();
        var first = await host.OpenReviewAsync(trainee);
        var item = (await (await (await host.MentorAsync()).PostAsJsonAsync($"/api/reviews/{first.Id}/action-items", new { text = "Slow down" }))
            .Content.ReadFromJsonAsync<ActionItemDto>())!;
        var stranger = await host.NewUserAsync("mentor", "Later Mentor");
        var strangerId = await AppHost.IdOfAsync(stranger);
        var nextLesson = await Tus.UploadAsync(trainee, await TestSupport.TestClips.LandscapeH264Async(), "Unit 9");
        await Tus.WaitUntilProcessedAsync(trainee, nextLesson);
        var later = (await (await trainee.PostAsJsonAsync($"/api/lessons/{nextLesson}/reviews", new { mentorIds = new[] { strangerId } }))
            .Content.ReadFromJsonAsync<ReviewDto>())!;

        var attempt = await stranger.PatchAsJsonAsync($"/api/reviews/{later.Id}/action-items/{item.Id}", new { status = "dropped" });

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Equal("open", (await trainee.GetFromJsonAsync<ReviewDto>($"/api/reviews/{first.Id}"))!.ActionItems.Single(i => i.Id == item.Id).Status);
    }

    [Theory]
    [InlineData("{\"atSeconds\": 1, \"endSeconds\": \"NaN\", \"kind\": \"note\", \"text\": \"x\"}")]
    [InlineData("{\"atSeconds\": \"Infinity\", \"kind\": \"note\", \"text\": \"x\"}")]
    [InlineData("{\"atSeconds\": 1e400, \"kind\": \"note\", \"text\": \"x\"}")]
    public async Task A_time_that_is_not_a_number_is_400_with_advice(string body)
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());

        var response = await (await host.MentorAsync()).PostAsync($"/api/reviews/{review.Id}/comments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail));
    }

    [Fact]
    public async Task Csv_export_keeps_japanese_text_and_times()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        await ReviewHost.CommentAsync(mentor, review.Id, 3.7, "声が小さい — speak up for the back row");

        var response = await mentor.GetAsync($"/api/reviews/{review.Id}/export.csv");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"Comment\",\"0:03\",\"\",\"Observation\",\"Mia Mentor\",\"声が小さい — speak up for the back row\"", csv);
    }
}

/// <summary>Writes are rate-limited per user with 429 and Retry-After.</summary>
public sealed class RateLimitTests(RateLimitTests.Host host) : IClassFixture<RateLimitTests.Host>
{
    public sealed class Host() : AppHost(new() { ["RateLimits:WriteBurst"] = "3", ["RateLimits:WritesPerTenSeconds"] = "1" });

    [Fact]
    public async Task Too_many_writes_get_429_with_retry_after()
    {
        var coordinator = await host.CoordinatorAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await coordinator.PostAsJsonAsync($"/api/reviews/{Guid.NewGuid()}/comments", new { atSeconds = 1, kind = "note", text = "x" });
            statuses.Add(last.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(last!.Headers.RetryAfter is not null);
        Assert.Contains("Wait", (await last.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }
}

using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Programme;

/// <summary>
/// The programme's state for its coordinators: reviews per stage, who waits for a mentor and how
/// long, overdue action items, quiet trainees, mentors' response times. Private self-reviews are
/// not counted (coordinators do not see them). A programme is tens of trainees and a few hundred
/// reviews a year, so the rows are read once and counted here.
/// </summary>
public sealed class ProgrammeSummary(LessonReviewDb db, IOptions<ProgrammeOptions> options, TimeProvider clock)
{
    public async Task<ProgrammeDto> BuildAsync(string? school, Guid? mentorId, DateOnly today, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        school = string.IsNullOrWhiteSpace(school) ? null : school.Trim();
        var trainees = await PeopleAsync(Roles.Trainee, cancellationToken);
        var mentors = await PeopleAsync(Roles.Mentor, cancellationToken);
        var names = trainees.Concat(mentors).ToDictionary(p => p.Id, p => p.Name);

        var reviews = await db.Reviews.Shared()
            .Join(db.Lessons, r => r.LessonId, l => l.Id, (r, l) => new ReviewRow(r.Id, r.Stage, r.SharedAt ?? r.CreatedAt, l.Title, l.OwnerId))
            .ToListAsync(cancellationToken);
        var mentorsOf = (await db.ReviewMentors.Select(m => new { m.ReviewId, m.UserId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.ReviewId, m => m.UserId);
        var standing = (await db.StandingMentors.Select(m => new { m.TraineeId, m.MentorId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.MentorId, m => m.TraineeId);

        // The filters: a school (the trainee's), a mentor (reviews asked of them; trainees they stand by or review).
        var inScope = trainees.Where(t => school is null || t.School == school).Select(t => t.Id).ToHashSet();
        if (mentorId is { } mentor)
            inScope.IntersectWith(reviews.Where(r => mentorsOf[r.Id].Contains(mentor)).Select(r => r.TraineeId).Concat(standing[mentor]));
        reviews = reviews.Where(r => inScope.Contains(r.TraineeId) && (mentorId is null || mentorsOf[r.Id].Contains(mentorId.Value))).ToList();

        var reviewIds = reviews.Select(r => r.Id).ToHashSet();
        var firstComments = (await db.Comments.Where(c => c.DeletedAt == null)
                .GroupBy(c => new { c.ReviewId, c.AuthorId }).Select(g => new { g.Key.ReviewId, g.Key.AuthorId, At = g.Min(c => c.CreatedAt) })
                .ToListAsync(cancellationToken))
            .Where(c => reviewIds.Contains(c.ReviewId)).ToDictionary(c => (c.ReviewId, c.AuthorId), c => c.At);
        var openItems = (await db.ActionItems.Where(i => i.Status == ActionItemStatus.Open)
                .Select(i => new { i.Id, i.ReviewId, i.Text, i.DueDate }).ToListAsync(cancellationToken))
            .Where(i => reviewIds.Contains(i.ReviewId)).ToList();
        var byId = reviews.ToDictionary(r => r.Id);

        var waiting = reviews
            .Where(r => r.Stage == ReviewStages.Observe && !mentorsOf[r.Id].Any(m => firstComments.ContainsKey((r.Id, m))))
            .OrderBy(r => r.RequestedAt)
            .Select(r => new WaitingReviewDto(r.Id, r.LessonTitle, names.GetValueOrDefault(r.TraineeId, ""),
                mentorsOf[r.Id].Select(m => names.GetValueOrDefault(m, "")).Order().ToList(), r.RequestedAt, Math.Round((now - r.RequestedAt).TotalDays, 1)))
            .ToList();
        var overdue = openItems.Where(i => i.DueDate < today)
            .Select(i => new OverdueItemDto(i.ReviewId, i.Id, i.Text, names.GetValueOrDefault(byId[i.ReviewId].TraineeId, ""), byId[i.ReviewId].LessonTitle,
                i.DueDate!.Value, today.DayNumber - i.DueDate.Value.DayNumber))
            .OrderByDescending(i => i.DaysOverdue).ToList();

        var quietSince = now.AddDays(-options.Value.QuietDays);
        var traineeRows = trainees.Where(t => inScope.Contains(t.Id) && !t.Disabled).Select(t =>
        {
            var theirs = reviews.Where(r => r.TraineeId == t.Id).ToList();
            var items = openItems.Where(i => byId[i.ReviewId].TraineeId == t.Id).ToList();
            DateTime? last = theirs.Count == 0 ? null : theirs.Max(r => r.RequestedAt);
            return new TraineeRowDto(t.Id, t.Name, t.Email, t.School, Stages(theirs), items.Count, items.Count(i => i.DueDate < today), last, last is null || last < quietSince);
        }).OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();

        var mentorRows = mentors.Where(m => !m.Disabled && (mentorId is null || m.Id == mentorId)).Select(m =>
        {
            var asked = reviews.Where(r => mentorsOf[r.Id].Contains(m.Id)).ToList();
            var hours = asked.Where(r => firstComments.ContainsKey((r.Id, m.Id)))
                .Select(r => Math.Max(0, (firstComments[(r.Id, m.Id)] - r.RequestedAt).TotalHours)).Order().ToList();
            var unanswered = asked.Count(r => r.Stage != ReviewStages.Done && !firstComments.ContainsKey((r.Id, m.Id)));
            return new MentorResponseDto(m.Id, m.Name, hours.Count, unanswered, hours.Count == 0 ? null : Math.Round(Median(hours), 1));
        }).Where(m => m.Answered + m.Unanswered > 0 || mentorId is not null).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();

        var schools = trainees.Concat(mentors).Select(p => p.School).OfType<string>().Distinct().Order(StringComparer.CurrentCulture).ToList();
        var mentorChoices = mentors.Where(m => !m.Disabled).Select(m => new PersonDto(m.Id, m.Name)).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        return new ProgrammeDto(options.Value.QuietDays, school, mentorId, schools, mentorChoices, Stages(reviews), waiting, overdue, traineeRows, mentorRows);
    }

    private sealed record ReviewRow(Guid Id, string Stage, DateTime RequestedAt, string LessonTitle, Guid TraineeId);

    private sealed record Person(Guid Id, string Name, string Email, string? School, bool Disabled);

    private async Task<List<Person>> PeopleAsync(string role, CancellationToken cancellationToken) =>
        (await db.UsersInRole(role).Select(u => new { u.Id, u.Name, u.Email, u.School, u.LockoutEnd }).ToListAsync(cancellationToken))
        .Select(u => new Person(u.Id, u.Name, u.Email ?? "", u.School, User.IsSwitchedOff(u.LockoutEnd))).ToList();

    private static StageCountsDto Stages(IReadOnlyCollection<ReviewRow> reviews) => new(
        reviews.Count(r => r.Stage == ReviewStages.Observe), reviews.Count(r => r.Stage == ReviewStages.Educate),
        reviews.Count(r => r.Stage == ReviewStages.FollowUp), reviews.Count(r => r.Stage == ReviewStages.Done));

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

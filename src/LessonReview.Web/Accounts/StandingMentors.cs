using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Accounts;

/// <summary>
/// A trainee's standing mentors (README "Standing mentors"): read by the trainee's lesson page and
/// by opening a review, changed by coordinators (the API and the People page both come here).
/// </summary>
public sealed class StandingMentors(LessonReviewDb db)
{
    public const int Most = 10;

    /// <summary>The trainee's standing mentors, by name.</summary>
    public Task<List<SessionApi.UserDto>> OfAsync(Guid traineeId, CancellationToken cancellationToken) =>
        db.StandingMentors.Where(s => s.TraineeId == traineeId)
            .Join(db.Users, s => s.MentorId, u => u.Id, (s, u) => u)
            .OrderBy(u => u.Name)
            .Select(u => new SessionApi.UserDto(u.Id, null, u.Name, Roles.Mentor))
            .ToListAsync(cancellationToken);

    /// <summary>Every trainee's standing mentor ids (the People page).</summary>
    public async Task<ILookup<Guid, Guid>> AllAsync(CancellationToken cancellationToken) =>
        (await db.StandingMentors.ToListAsync(cancellationToken)).ToLookup(s => s.TraineeId, s => s.MentorId);

    /// <summary>Makes the trainee's standing mentors exactly <paramref name="mentorIds"/>; a sentence when that cannot be.</summary>
    public async Task<Message?> SetAsync(Guid traineeId, IReadOnlyCollection<Guid> mentorIds, CancellationToken cancellationToken)
    {
        if (!await db.UsersInRole(Roles.Trainee).AnyAsync(u => u.Id == traineeId, cancellationToken))
            return "Standing mentors are for trainees: this account is not a trainee (or does not exist).";
        var ids = mentorIds.Distinct().ToList();
        if (ids.Count > Most) return new Message("A trainee can have at most {0} standing mentors.", Most);
        if (await MentorChoice.CheckAsync(db, ids, cancellationToken) is { } notMentors) return notMentors;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.StandingMentors.Where(s => s.TraineeId == traineeId).ExecuteDeleteAsync(cancellationToken);
        db.StandingMentors.AddRange(ids.Select(m => new StandingMentor { TraineeId = traineeId, MentorId = m }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}

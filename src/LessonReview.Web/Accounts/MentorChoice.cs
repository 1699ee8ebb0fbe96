using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Accounts;

/// <summary>Whether the people chosen as mentors are mentors: a review's mentors and a trainee's standing mentors.</summary>
public static class MentorChoice
{
    /// <summary>Why <paramref name="ids"/> cannot all be mentors, naming those who are not; null when they can.</summary>
    public static async Task<Message?> CheckAsync(LessonReviewDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var mentors = await db.UsersInRole(Roles.Mentor).Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var notMentors = ids.Except(mentors).ToList();
        return notMentors.Count == 0 ? null
            : new Message("These people are not mentors: {0}. Pick mentors from GET /api/users?role=mentor.", string.Join(", ", notMentors));
    }
}

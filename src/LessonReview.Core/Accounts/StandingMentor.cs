namespace LessonReview.Core.Accounts;

/// <summary>
/// One of a trainee's standing mentors (a lead ALT, a JTE at their school), assigned once by a
/// coordinator: a review the trainee opens goes to them unless other mentors are chosen.
/// </summary>
public sealed class StandingMentor
{
    public Guid TraineeId { get; set; }
    public Guid MentorId { get; set; }
}

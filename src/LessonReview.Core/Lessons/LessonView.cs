namespace LessonReview.Core.Lessons;

/// <summary>Someone other than its trainee opened a lesson's video (its page or a review of it): the view log its trainee and coordinators read.</summary>
public sealed class LessonView
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid LessonId { get; set; }
    public Guid UserId { get; set; }
    public DateTime At { get; set; }
}

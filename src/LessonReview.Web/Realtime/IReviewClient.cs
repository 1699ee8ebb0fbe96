namespace LessonReview.Web.Realtime;

/// <summary>Events the server sends to browsers on /hubs/review (each with one camelCase object).</summary>
public interface IReviewClient
{
    Task LessonProgress(LessonProgressMessage progress);
}

public sealed record LessonProgressMessage(Guid LessonId, string Status, double Progress, string? Error);

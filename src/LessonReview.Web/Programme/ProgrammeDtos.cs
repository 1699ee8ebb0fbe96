namespace LessonReview.Web.Programme;

/// <summary>The programme at a glance (coordinators): <c>GET /api/programme</c> and the /programme page.</summary>
/// <param name="Schools">Every school named on an account, for the filter.</param>
public sealed record ProgrammeDto(
    int QuietDays, string? School, Guid? MentorId, IReadOnlyList<string> Schools, IReadOnlyList<PersonDto> MentorChoices,
    StageCountsDto Stages, IReadOnlyList<WaitingReviewDto> Waiting, IReadOnlyList<OverdueItemDto> Overdue,
    IReadOnlyList<TraineeRowDto> Trainees, IReadOnlyList<MentorResponseDto> Mentors)
{
    public IEnumerable<TraineeRowDto> Quiet => Trainees.Where(t => t.Quiet);
}

public sealed record PersonDto(Guid Id, string Name);

public sealed record StageCountsDto(int Observe, int Educate, int FollowUp, int Done)
{
    public int Total => Observe + Educate + FollowUp + Done;
}

/// <summary>A review none of whose mentors has commented yet, with how long it has waited since it was asked for.</summary>
public sealed record WaitingReviewDto(Guid ReviewId, string LessonTitle, string TraineeName, IReadOnlyList<string> MentorNames, DateTime RequestedAt, double WaitingDays);

public sealed record OverdueItemDto(Guid ReviewId, Guid ItemId, string Text, string TraineeName, string LessonTitle, DateOnly DueDate, int DaysOverdue);

/// <param name="LastReviewAt">When their newest review was asked for; null: never.</param>
/// <param name="Quiet">No review in Programme:QuietDays.</param>
public sealed record TraineeRowDto(Guid Id, string Name, string Email, string? School, StageCountsDto Reviews, int OpenItems, int OverdueItems,
    DateTime? LastReviewAt, bool Quiet);

/// <param name="Answered">Reviews they were asked for and have commented on.</param>
/// <param name="Unanswered">Unfinished reviews they were asked for and have not commented on yet.</param>
/// <param name="MedianResponseHours">From the request to their first comment; null before their first.</param>
public sealed record MentorResponseDto(Guid Id, string Name, int Answered, int Unanswered, double? MedianResponseHours);

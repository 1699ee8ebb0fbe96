namespace LessonReview.Web.Localization;

/// <summary>
/// How stored values (comment kinds, roles) are named to people: an English label that is also
/// the <see cref="SharedText"/> key. Resource names are unique regardless of case, so a stored
/// "observation" cannot share a key with the label "Observation"; pages translate the label.
/// </summary>
public static class Words
{
    public static string Kind(string kind) => kind switch
    {
        "observation" => "Observation",
        "strength" => "Strength",
        "suggestion" => "Suggestion",
        "question" => "Question",
        "note" => "Note",
        _ => kind,
    };

    public static string Role(string role) => role switch
    {
        "trainee" => "Trainee",
        "mentor" => "Mentor",
        "coordinator" => "Coordinator",
        _ => role,
    };

    /// <summary>A notification kind as the settings page offers it for e-mail.</summary>
    public static string NotificationKind(string kind) => kind switch
    {
        "review-requested" => "When I am asked to review a lesson",
        "feedback-ready" => "When feedback on my lesson is ready",
        "follow-up" => "When my review moves to follow-up",
        "items-due" => "The day before my action items are due",
        "weekly-digest" => "A digest of the programme every Monday",
        _ => kind,
    };
}

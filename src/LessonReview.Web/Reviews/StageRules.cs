using LessonReview.Core.Reviews;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Reviews;

/// <summary>
/// Who may move a review, and when (README "Coaching cycle"):
/// assigned mentors and coordinators move it, one stage at a time, forward or back;
/// educate needs at least one comment; follow-up needs at least one action item;
/// follow-up also needs every area of the growth framework rated (when it has any);
/// done needs every action item done or dropped. Trainees move only their own self-reviews.
/// </summary>
public static class StageRules
{
    /// <summary>Why this move is not allowed, as a sentence; null when it is.</summary>
    /// <returns>(status, message): 403 when the caller may never do it, 409 when the review is not ready for it.</returns>
    /// <param name="unratedAreas">Growth-framework areas not yet rated in this review (in the reader's language).</param>
    public static (int Status, Message Message)? Check(string from, string to, ReviewRole role, string kind, int comments, int actionItems, int unresolvedActionItems,
        IReadOnlyList<string>? unratedAreas = null)
    {
        if (!ReviewStages.All.Contains(to))
            return (400, new Message("Stage must be one of: {0}.", string.Join(", ", ReviewStages.All)));
        if (role == ReviewRole.Trainee && kind != ReviewKinds.Self)
            return (403, "Only the review's mentors or a coordinator move it through the coaching cycle.");
        var step = Index(to) - Index(from);
        if (step == 0) return (409, new Message("The review is already in {0}.", to));
        if (Math.Abs(step) != 1)
            return (409, new Message("A review moves one stage at a time (observe → educate → follow-up → done); it is in {0}, so next is {1}.", from, Next(from)));
        if (step < 0) return null; // stepping back re-opens the earlier stage
        return to switch
        {
            ReviewStages.Educate when comments == 0 => (409, "Add at least one comment (an observation) before moving to educate."),
            ReviewStages.FollowUp when actionItems == 0 => (409, "Agree at least one action item before moving to follow-up."),
            ReviewStages.FollowUp when unratedAreas is { Count: > 0 } =>
                (409, new Message("Rate each area of the growth framework before moving to follow-up: {0}.", string.Join(", ", unratedAreas))),
            ReviewStages.Done when unresolvedActionItems > 0 =>
                (409, new Message("{0} action item(s) are still open: mark each done or dropped before closing the review.", unresolvedActionItems)),
            _ => null,
        };
    }

    private static int Index(string stage) => ReviewStages.All.ToList().IndexOf(stage);

    private static string Next(string stage) => Index(stage) + 1 < ReviewStages.All.Count ? ReviewStages.All[Index(stage) + 1] : "nothing (it is done)";
}

/// <summary>How the caller takes part in a review.</summary>
public enum ReviewRole
{
    /// <summary>The trainee whose lesson it is (who also moves their own self-review).</summary>
    Trainee,
    /// <summary>A mentor assigned to the review.</summary>
    Mentor,
    /// <summary>A coordinator (sees and may change everything).</summary>
    Coordinator,
}

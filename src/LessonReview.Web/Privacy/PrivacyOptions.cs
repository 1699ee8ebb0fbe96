namespace LessonReview.Web.Privacy;

/// <summary>Configuration section "Privacy": how long recordings of pupils are kept.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>The uploaded original is deleted this many days after the lesson became playable (the playable rendition stays); 0 keeps originals.</summary>
    public int OriginalRetentionDays { get; set; } = 30;

    /// <summary>When the sweep deletes the original of a lesson playable since <paramref name="readyAt"/>; null: kept (retention 0, or not yet playable).</summary>
    public DateTime? OriginalDeletionDue(DateTime? readyAt) =>
        OriginalRetentionDays > 0 && readyAt is { } ready ? ready.AddDays(OriginalRetentionDays) : null;

    /// <summary>The lessons of an account switched off this many days ago are deleted with their reviews; 0 keeps them.</summary>
    public int LessonRetentionDays { get; set; } = 365;

    /// <summary>How often each instance looks for what is due; 0 turns the sweep off.</summary>
    public int SweepMinutes { get; set; } = 60;
}

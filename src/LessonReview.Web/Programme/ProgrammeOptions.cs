namespace LessonReview.Web.Programme;

/// <summary>Configuration section "Programme": what the coordinator's page counts as a warning.</summary>
public sealed class ProgrammeOptions
{
    public const string Section = "Programme";

    /// <summary>A trainee with no review opened in this many days is listed as quiet.</summary>
    public int QuietDays { get; set; } = 30;
}

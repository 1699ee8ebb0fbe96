namespace LessonReview.Core.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Local = "Local";
    public const string Azure = "Azure";

    /// <summary><c>Local</c> (default: a folder under the data directory) or <c>Azure</c>.</summary>
    public string Provider { get; set; } = Local;
}

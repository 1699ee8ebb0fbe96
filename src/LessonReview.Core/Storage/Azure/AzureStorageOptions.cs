namespace LessonReview.Core.Storage.Azure;

/// <summary>Configuration section <c>Storage:Azure</c>.</summary>
public sealed class AzureStorageOptions
{
    public const string Section = "Storage:Azure";

    /// <summary>Standard Azure Storage connection string (Shared Key), e.g. from Key Vault.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Blob container holding lesson media.</summary>
    public string Container { get; set; } = "media";

    /// <summary>Origins allowed to read blobs from a browser (Blob CORS); the app's own origin in production.</summary>
    public string AllowedOrigins { get; set; } = "*";
}

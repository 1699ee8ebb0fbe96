namespace LessonReview.Core.Storage.Azure;

/// <summary>
/// Configuration section <c>Storage:Azure</c>. Two ways in: a connection string (Azurite and
/// development), or <see cref="ServiceUri"/> with no key, authenticated by Microsoft Entra ID
/// (the app's managed identity in Azure; <c>az login</c> and the other DefaultAzureCredential sources elsewhere).
/// </summary>
public sealed class AzureStorageOptions
{
    public const string Section = "Storage:Azure";

    /// <summary>Standard Azure Storage connection string (account key), e.g. <c>UseDevelopmentStorage=true</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Blob endpoint, e.g. <c>https://lrmedia.blob.core.windows.net</c>: authenticates with an identity instead of a key.</summary>
    public string ServiceUri { get; set; } = "";

    /// <summary>Client id of the user-assigned managed identity to use with <see cref="ServiceUri"/>; empty for the default chain.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Blob container holding lesson media.</summary>
    public string Container { get; set; } = "media";

    /// <summary>
    /// Origins allowed to read blobs from a browser (Blob CORS), set at start-up when the app
    /// authenticates with a key. With an identity the app may not change service properties:
    /// infra/ sets the rule instead.
    /// </summary>
    public string AllowedOrigins { get; set; } = "*";

    /// <summary>
    /// Serve every media file through the app (a proxy) instead of redirecting the browser to a
    /// read-only SAS URL per file (default false). Measured against the redirect in the
    /// azure-playback benchmark (README, "Measured"); for networks that cannot reach the storage account.
    /// </summary>
    public bool ServeMediaThroughApp { get; set; }

    internal bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString);
}

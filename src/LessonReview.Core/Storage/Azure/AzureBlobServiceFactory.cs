using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;

namespace LessonReview.Core.Storage.Azure;

/// <summary>
/// How the app reaches Blob Storage: with <c>Storage:Azure:ConnectionString</c> (Azurite, development),
/// or with <c>Storage:Azure:ServiceUri</c> and an identity (no key anywhere; in Azure the app's managed identity).
/// </summary>
public static class AzureBlobServiceFactory
{
    /// <summary>
    /// Azurite 3.x does not know the SDK's newest service version; this one has everything the app uses
    /// (staged blocks, uncommitted block lists, user-delegation keys, CORS) on Azurite and Azure alike.
    /// </summary>
    public const BlobClientOptions.ServiceVersion ServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>Registers the <see cref="BlobServiceClient"/> the options describe; throws with advice when they describe none.</summary>
    public static void Register(AzureClientFactoryBuilder clients, AzureStorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            clients.AddBlobServiceClient(options.ConnectionString).WithVersion(ServiceVersion).ConfigureOptions(Configure);
            return;
        }
        clients.AddBlobServiceClient(ServiceUri(options)).WithVersion(ServiceVersion).ConfigureOptions(Configure).WithCredential(Credential(options));
    }

    /// <summary>The same client without DI (tools, benchmarks, tests; <paramref name="transport"/> lets a test trust its own certificate).</summary>
    public static BlobServiceClient Create(AzureStorageOptions options, TokenCredential? credential = null, HttpPipelineTransport? transport = null)
    {
        var clientOptions = new BlobClientOptions(ServiceVersion);
        Configure(clientOptions);
        if (transport is not null) clientOptions.Transport = transport;
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(ServiceUri(options), credential ?? Credential(options), clientOptions)
            : new BlobServiceClient(options.ConnectionString, clientOptions);
    }

    /// <summary>
    /// The identity: a user-assigned managed identity when <c>Storage:Azure:ClientId</c> names one,
    /// otherwise DefaultAzureCredential (managed identity in Azure, developer sign-in elsewhere).
    /// </summary>
    public static TokenCredential Credential(AzureStorageOptions options) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId,
            ExcludeInteractiveBrowserCredential = true,
        });

    private static void Configure(BlobClientOptions options)
    {
        // Transient failures (500, 503, timeouts, dropped connections) are retried by the SDK.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(300);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(120);
    }

    private static Uri ServiceUri(AzureStorageOptions options)
    {
        if (Uri.TryCreate(options.ServiceUri, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http") return uri;
        throw new InvalidOperationException(string.IsNullOrWhiteSpace(options.ServiceUri)
            ? "Storage:Provider is Azure but neither Storage:Azure:ConnectionString nor Storage:Azure:ServiceUri is set. " +
              "Set ServiceUri (https://ACCOUNT.blob.core.windows.net) to use the app's identity, or ConnectionString (UseDevelopmentStorage=true for Azurite)."
            : $"Storage:Azure:ServiceUri '{options.ServiceUri}' is not a URL like https://ACCOUNT.blob.core.windows.net.");
    }
}

using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace LessonReview.Core.Storage.Azure;

/// <summary>
/// Read-only SAS URLs for browsers. With an account key the SDK signs a service SAS; with an
/// identity (no key in the app) it signs a user-delegation SAS with a key Azure lends the app's
/// identity, cached and renewed well before it expires.
/// </summary>
internal sealed class ReadUrlSigner(BlobServiceClient service, TimeProvider clock)
{
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromDays(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserDelegationKey? _key;

    public async ValueTask<Uri> SignAsync(BlobClient blob, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var builder = new BlobSasBuilder(BlobSasPermissions.Read, now + lifetime)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now.AddMinutes(-5), // clocks differ a little between the app, Azure and the browser
        };
        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(builder);

        var key = await DelegationKeyAsync(now + lifetime, cancellationToken);
        var query = builder.ToSasQueryParameters(key, service.AccountName);
        return new BlobUriBuilder(blob.Uri) { Sas = query }.ToUri();
    }

    private async ValueTask<UserDelegationKey> DelegationKeyAsync(DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        if (_key is { } cached && cached.SignedExpiresOn >= neededUntil) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } again && again.SignedExpiresOn >= neededUntil) return again;
            var now = clock.GetUtcNow();
            var expires = neededUntil > now + DelegationKeyLifetime ? neededUntil : now + DelegationKeyLifetime;
            _key = (await service.GetUserDelegationKeyAsync(now.AddMinutes(-5), expires, cancellationToken)).Value;
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }
}

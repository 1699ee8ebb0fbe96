namespace LessonReview.Core.Storage.Azure;

/// <summary>
/// A storage account from a standard Azure Storage connection string:
/// <c>UseDevelopmentStorage=true</c> (Azurite's well-known account), or
/// <c>DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=…</c>, optionally with <c>BlobEndpoint=…</c>.
/// </summary>
public sealed record AzureStorageAccount(string Name, byte[] Key, Uri BlobEndpoint)
{
    /// <summary>Azurite's published development account (not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static AzureStorageAccount Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = parts.GetValueOrDefault("DevelopmentStorageProxyUri")?.TrimEnd('/') ?? "http://127.0.0.1";
            return new(DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey), new Uri($"{proxy}:10000/{DevelopmentAccountName}/"));
        }

        if (!parts.TryGetValue("AccountName", out var name) || string.IsNullOrWhiteSpace(name))
            throw new FormatException("The storage connection string has no AccountName. Copy it from the storage account's Access keys page.");
        if (!parts.TryGetValue("AccountKey", out var key))
            throw new FormatException("The storage connection string has no AccountKey. LessonReview signs requests with Shared Key.");
        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new FormatException("The storage connection string's AccountKey is not base64. Copy the key again from the storage account.");
        }

        Uri endpoint;
        if (parts.TryGetValue("BlobEndpoint", out var blob))
        {
            endpoint = new Uri(blob.EndsWith('/') ? blob : blob + "/");
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https";
            var suffix = parts.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net";
            endpoint = new Uri($"{protocol}://{name}.blob.{suffix}/");
        }
        return new(name, keyBytes, endpoint);
    }
}

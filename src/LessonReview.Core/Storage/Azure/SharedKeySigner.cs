using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace LessonReview.Core.Storage.Azure;

/// <summary>
/// Azure Storage request signing: Shared Key for Blob service requests and service SAS tokens
/// for read-only blob URLs (REST docs "Authorize with Shared Key" and "Create a service SAS",
/// version 2020-12-06 and later). Azure.Storage.Blobs cannot be restored here; this is the part of it we need.
/// </summary>
public sealed class SharedKeySigner(AzureStorageAccount account)
{
    public const string ApiVersion = "2021-12-02";

    /// <summary>Adds <c>x-ms-date</c>, <c>x-ms-version</c> and the <c>Authorization</c> header to a request about to be sent.</summary>
    public void Sign(HttpRequestMessage request, DateTimeOffset now)
    {
        request.Headers.Remove("x-ms-date");
        request.Headers.Remove("x-ms-version");
        request.Headers.Add("x-ms-date", now.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("x-ms-version", ApiVersion);
        var signature = Hmac(StringToSign(request, account.Name));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", $"{account.Name}:{signature}");
    }

    /// <summary>The Shared Key string-to-sign (Blob service, version 2009-09-19 and later).</summary>
    public static string StringToSign(HttpRequestMessage request, string accountName)
    {
        var content = request.Content?.Headers;
        string Header(string name) =>
            request.Headers.TryGetValues(name, out var values) ? string.Join(',', values)
            : content is not null && content.TryGetValues(name, out var contentValues) ? string.Join(',', contentValues)
            : "";
        // Since 2015-02-21 a zero Content-Length is signed as an empty string.
        var length = content?.ContentLength is > 0 ? content.ContentLength.Value.ToString(CultureInfo.InvariantCulture) : "";
        return string.Join('\n',
            request.Method.Method.ToUpperInvariant(),
            Header("Content-Encoding"), Header("Content-Language"), length, Header("Content-MD5"), Header("Content-Type"),
            "", // Date: we send x-ms-date instead
            Header("If-Modified-Since"), Header("If-Match"), Header("If-None-Match"), Header("If-Unmodified-Since"), Header("Range"),
            CanonicalizedHeaders(request) + CanonicalizedResource(request.RequestUri!, accountName));
    }

    /// <summary>Every x-ms- header, lower-cased, sorted, "name:value\n", values with folded whitespace.</summary>
    public static string CanonicalizedHeaders(HttpRequestMessage request)
    {
        var headers = request.Headers.AsEnumerable();
        if (request.Content is not null) headers = headers.Concat(request.Content.Headers);
        var canonical = headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value.Select(Fold))))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        return string.Concat(canonical.Select(h => $"{h.Name}:{h.Value}\n"));
    }

    /// <summary>"/account/path" then, per query parameter sorted by lower-cased name, "\nname:v1,v2" (decoded, values sorted).</summary>
    public static string CanonicalizedResource(Uri uri, string accountName)
    {
        var resource = new StringBuilder("/").Append(accountName).Append(uri.AbsolutePath);
        var query = HttpUtility.ParseQueryString(uri.Query);
        foreach (var name in query.AllKeys.Where(k => k is not null).Select(k => k!).OrderBy(k => k.ToLowerInvariant(), StringComparer.Ordinal))
        {
            var values = (query.GetValues(name) ?? []).OrderBy(v => v, StringComparer.Ordinal);
            resource.Append('\n').Append(name.ToLowerInvariant()).Append(':').Append(string.Join(',', values));
        }
        return resource.ToString();
    }

    /// <summary>A read-only service SAS query string for one blob, valid until <paramref name="expiresOn"/>.</summary>
    public string BlobReadSas(string container, string blob, DateTimeOffset startsOn, DateTimeOffset expiresOn)
    {
        var (start, expiry) = (Iso(startsOn), Iso(expiresOn));
        var signature = Hmac(ServiceSasStringToSign("r", start, expiry, $"/blob/{account.Name}/{container}/{blob}", ApiVersion, "b"));
        return $"sv={ApiVersion}&st={Uri.EscapeDataString(start)}&se={Uri.EscapeDataString(expiry)}&sr=b&sp=r&sig={Uri.EscapeDataString(signature)}";
    }

    /// <summary>Service SAS string-to-sign, version 2020-12-06 and later (no identifier, IP, protocol, snapshot, scope or overrides).</summary>
    public static string ServiceSasStringToSign(string permissions, string start, string expiry, string canonicalizedResource, string version, string resource) =>
        string.Join('\n', permissions, start, expiry, canonicalizedResource, "", "", "", version, resource, "", "", "", "", "", "", "");

    private string Hmac(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(account.Key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Fold(string value) => string.Join(' ', value.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}

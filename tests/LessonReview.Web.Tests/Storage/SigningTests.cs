using LessonReview.Core.Storage.Azure;

namespace LessonReview.Web.Tests.Storage;

/// <summary>Signing rules checked against the canonical forms the Azure Storage REST documentation gives.</summary>
public sealed class SigningTests
{
    [Theory]
    // "Authorize with Shared Key": canonicalized resource examples for the Blob service.
    [InlineData("http://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=metadata",
        "/myaccount/mycontainer\ncomp:metadata\nrestype:container")]
    [InlineData("http://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs",
        "/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container")]
    [InlineData("https://myaccount-secondary.blob.core.windows.net/mycontainer/myblob", "/myaccount/mycontainer/myblob")]
    public void Canonicalized_resource_matches_the_documentation(string url, string expected) =>
        Assert.Equal(expected, SharedKeySigner.CanonicalizedResource(new Uri(url), "myaccount"));

    [Fact]
    public void Canonicalized_headers_are_lower_case_sorted_and_whitespace_folded()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://a/b");
        request.Headers.Add("x-ms-version", "2021-12-02");
        request.Headers.Add("X-Ms-Date", "Sun, 11 Oct 2009 21:49:13 GMT");
        request.Headers.Add("x-ms-meta-name", "  a   b  ");
        request.Headers.Add("If-Match", "\"etag\"");

        Assert.Equal("x-ms-date:Sun, 11 Oct 2009 21:49:13 GMT\nx-ms-meta-name:a b\nx-ms-version:2021-12-02\n",
            SharedKeySigner.CanonicalizedHeaders(request));
    }

    [Fact]
    public void Shared_key_string_to_sign_has_every_standard_header_in_its_place()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "http://myaccount.blob.core.windows.net/mycontainer/myblob?comp=block&blockid=YQ%3D%3D")
        {
            Content = new ByteArrayContent(new byte[11]),
        };
        request.Content.Headers.ContentType = new("application/octet-stream");
        request.Headers.Add("x-ms-date", "Sun, 11 Oct 2009 21:49:13 GMT");
        request.Headers.Add("x-ms-version", "2021-12-02");
        request.Headers.Add("Range", "bytes=0-10");

        var expected = "PUT\n\n\n11\n\napplication/octet-stream\n\n\n\n\n\nbytes=0-10\n" +
                       "x-ms-date:Sun, 11 Oct 2009 21:49:13 GMT\nx-ms-version:2021-12-02\n" +
                       "/myaccount/mycontainer/myblob\nblockid:YQ==\ncomp:block";
        Assert.Equal(expected, SharedKeySigner.StringToSign(request, "myaccount"));
    }

    [Fact]
    public void Zero_content_length_is_signed_as_empty()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "http://a.blob.core.windows.net/c?restype=container") { Content = new ByteArrayContent([]) };
        Assert.StartsWith("PUT\n\n\n\n", SharedKeySigner.StringToSign(request, "a"));
    }

    [Fact]
    public void Service_sas_string_to_sign_follows_the_2020_12_06_layout()
    {
        var signed = SharedKeySigner.ServiceSasStringToSign("r", "2026-11-22T00:00:00Z", "2026-11-22T06:00:00Z",
            "/blob/myaccount/media/lessons/x/video.mp4", "2021-12-02", "b");

        // permissions, start, expiry, resource, identifier, IP, protocol, version, resource type,
        // snapshot time, encryption scope, then the five response-header overrides.
        Assert.Equal("r\n2026-11-22T00:00:00Z\n2026-11-22T06:00:00Z\n/blob/myaccount/media/lessons/x/video.mp4\n\n\n\n2021-12-02\nb\n\n\n\n\n\n\n",
            signed);
        Assert.Equal(16, signed.Split('\n').Length);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "devstoreaccount1", "http://127.0.0.1:10000/devstoreaccount1/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=lrmedia;AccountKey=a2V5;EndpointSuffix=core.windows.net", "lrmedia", "https://lrmedia.blob.core.windows.net/")]
    [InlineData("AccountName=lrmedia;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10123/lrmedia", "lrmedia", "http://127.0.0.1:10123/lrmedia/")]
    public void Standard_connection_strings_are_understood(string connectionString, string account, string endpoint)
    {
        var parsed = AzureStorageAccount.Parse(connectionString);
        Assert.Equal((account, endpoint), (parsed.Name, parsed.BlobEndpoint.ToString()));
    }

    [Fact]
    public void A_connection_string_without_a_key_is_refused_with_advice() =>
        Assert.Contains("AccountKey", Assert.Throws<FormatException>(() => AzureStorageAccount.Parse("AccountName=x")).Message);

    [Fact]
    public void Staged_blocks_count_only_as_a_contiguous_run_from_zero()
    {
        var blocks = new[] { (AzureMediaStorage.BlockId(10), 5L), (AzureMediaStorage.BlockId(0), 10L), (AzureMediaStorage.BlockId(99), 1L) };
        var (ids, length) = AzureMediaStorage.Chain(blocks);
        Assert.Equal(15, length);
        Assert.Equal([AzureMediaStorage.BlockId(0), AzureMediaStorage.BlockId(10)], ids);
    }
}

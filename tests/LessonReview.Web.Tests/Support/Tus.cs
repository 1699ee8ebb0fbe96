using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LessonReview.Web.Lessons;

namespace LessonReview.Web.Tests.Support;

/// <summary>A minimal tus 1.0 client for tests (what tus-js-client does in the browser).</summary>
public static class Tus
{
    public static HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    /// <summary>The header, with the trainee's consent confirmation unless <paramref name="pairs"/> say otherwise (a test of its absence passes ("consent", "")).</summary>
    public static string Metadata(params (string Key, string Value)[] pairs)
    {
        (string Key, string Value)[] all = pairs.Any(p => p.Key == "consent") ? pairs : [.. pairs, ("consent", "confirmed")];
        return string.Join(',', all.Where(p => !(p.Key == "consent" && p.Value == ""))
            .Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));
    }

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient client, long length, string? metadata = null)
    {
        var request = Request(HttpMethod.Post, "/api/uploads");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", metadata ?? Metadata());
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string location, long offset, HttpContent content)
    {
        var request = Request(HttpMethod.Patch, location);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Content = content;
        return await client.SendAsync(request);
    }

    public static async Task<long> OffsetAsync(HttpClient client, string location)
    {
        var response = await client.SendAsync(Request(HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The offset after a dropped PATCH: the server records what arrived once it notices the reset,
    /// so ask until it reports something (at most <paramref name="atMost"/>).
    /// </summary>
    public static async Task<long> OffsetAfterDropAsync(HttpClient client, string location, long atMost)
    {
        long offset = 0;
        for (var i = 0; i < 50 && offset == 0; i++)
        {
            offset = await OffsetAsync(client, location);
            if (offset == 0) await Task.Delay(100);
        }
        Assert.InRange(offset, 1, atMost);
        return offset;
    }

    /// <summary>Uploads a whole file in one PATCH; returns the lesson id.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, string path, string title = "Test lesson", string? lessonDate = null)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var pairs = new List<(string, string)> { ("filename", Path.GetFileName(path)), ("title", title) };
        if (lessonDate is not null) pairs.Add(("lessonDate", lessonDate));
        var created = await CreateAsync(client, bytes.Length, Metadata([.. pairs]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        if (bytes.Length > 0)
        {
            var patched = await PatchAsync(client, location, 0, new ByteArrayContent(bytes));
            Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        }
        return Guid.Parse(location.Split('/').Last());
    }

    /// <summary>Polls the lesson until a worker is well into its encode (over 10 %), to kill it there.</summary>
    public static Task WaitUntilWellIntoProcessingAsync(HttpClient client, Guid lessonId) =>
        WaitForAsync(client, lessonId, l => l.Status == "processing" && l.Progress > 0.1, timeoutSeconds: 60);

    /// <summary>Polls the lesson until processing ends (ready or failed).</summary>
    public static Task<LessonDto> WaitUntilProcessedAsync(HttpClient client, Guid lessonId, int timeoutSeconds = 90) =>
        WaitForAsync(client, lessonId, l => l.Status is "ready" or "failed", timeoutSeconds);

    /// <summary>Polls the lesson until <paramref name="until"/> holds; a lesson that failed instead ends the wait at once, with its reason.</summary>
    public static async Task<LessonDto> WaitForAsync(HttpClient client, Guid lessonId, Func<LessonDto, bool> until, int timeoutSeconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var lesson = (await client.GetFromJsonAsync<LessonDto>($"/api/lessons/{lessonId}"))!;
            if (until(lesson)) return lesson;
            if (lesson.Status == "failed" || DateTime.UtcNow > deadline)
                throw new TimeoutException($"Lesson {lesson.Status} ({lesson.Progress:P0}, playable {lesson.Playable}) after {timeoutSeconds} s: {lesson.Error}");
            await Task.Delay(100);
        }
    }
}

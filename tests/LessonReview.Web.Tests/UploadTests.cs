using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using LessonReview.Core.Lessons;
using LessonReview.TestSupport;
using LessonReview.Web.Hosting;
using LessonReview.Web.Lessons;
using LessonReview.Web.Tests.Support;
using LessonReview.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LessonReview.Web.Tests;

/// <summary>tus 1.0 at /api/uploads: the upload survives dropped connections and restarts.</summary>
public sealed class UploadTests(UploadTests.Host host) : IClassFixture<UploadTests.Host>
{
    public sealed class Host() : AppHost(new() { ["Upload:MaxBytes"] = (64L * 1024 * 1024).ToString() });

    [Fact]
    public async Task Options_announce_version_extensions_and_max_size()
    {
        var response = await host.AnonymousClient().SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/uploads"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("creation,termination,expiration", response.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal((64L * 1024 * 1024).ToString(), response.Headers.GetValues("Tus-Max-Size").Single());
    }

    [Fact]
    public async Task Request_without_tus_version_is_refused_with_412()
    {
        var client = await host.TraineeAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        request.Headers.Add("Upload-Length", "10");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
    }

    [Fact]
    public async Task Oversize_upload_is_refused_with_413_before_anything_is_stored()
    {
        var client = await host.TraineeAsync();
        var before = (await client.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!.Count;

        var response = await Tus.CreateAsync(client, 64L * 1024 * 1024 + 1, Tus.Metadata(("filename", "huge.mov")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("64 MB", problem.Detail);
        Assert.Equal(before, (await client.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!.Count);
    }

    [Fact]
    public async Task Only_signed_in_trainees_start_uploads()
    {
        var anonymous = await Tus.CreateAsync(host.AnonymousClient(), 10);
        var mentor = await Tus.CreateAsync(await host.MentorAsync(), 10);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mentor.StatusCode);
        Assert.Equal("application/problem+json", mentor.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_metadata_gets_a_400_saying_what_to_fix()
    {
        var client = await host.TraineeAsync();

        var response = await Tus.CreateAsync(client, 10, Tus.Metadata(("filename", "a.mov"), ("lessonDate", "20/11/2026")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2026-04-15", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Interrupted_upload_resumes_from_the_stored_offset_and_becomes_a_lesson()
    {
        var client = await host.TraineeAsync();
        var original = await File.ReadAllBytesAsync(await TestClips.LandscapeH264Async());
        var (lessonDate, nextLessonDate) = (TestCalendar.FromToday(-1), TestCalendar.FromToday(6));
        var created = await Tus.CreateAsync(client, original.Length,
            Tus.Metadata(("filename", "class.mp4"), ("title", "二年生 Unit 3 · greetings"), ("lessonDate", lessonDate.Iso()), ("nextLessonDate", nextLessonDate.Iso())));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();

        // The connection drops after about 60 % of the bytes.
        var cut = original.Length * 6 / 10;
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            Tus.PatchAsync(client, location, 0, new StreamContent(new FailingStream(original, cut))));

        var offset = await Tus.OffsetAfterDropAsync(client, location, cut);
        Assert.Equal(original[..(int)offset], await StoredOriginalAsync(location, (int)offset)); // what arrived is kept, byte for byte

        var resumed = await Tus.PatchAsync(client, location, offset, new ByteArrayContent(original[(int)offset..]));
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        Assert.Equal(original.Length.ToString(), resumed.Headers.GetValues("Upload-Offset").Single());

        var lesson = await Tus.WaitUntilProcessedAsync(client, Guid.Parse(location.Split('/').Last()));
        Assert.Equal(("ready", "二年生 Unit 3 · greetings"), (lesson.Status, lesson.Title));
        Assert.Equal((lessonDate, nextLessonDate), (lesson.LessonDate, lesson.NextLessonDate));
        Assert.Equal(SHA256.HashData(original), SHA256.HashData(await File.ReadAllBytesAsync(OriginalPath(location))));
    }

    [Fact]
    public async Task Patch_at_the_wrong_offset_is_409_and_changes_nothing()
    {
        var client = await host.TraineeAsync();
        var location = (await Tus.CreateAsync(client, 100, Tus.Metadata(("filename", "a.mp4")))).Headers.Location!.ToString();
        await Tus.PatchAsync(client, location, 0, new ByteArrayContent(new byte[40]));

        var response = await Tus.PatchAsync(client, location, 10, new ByteArrayContent(new byte[10]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(40, await Tus.OffsetAsync(client, location));
    }

    [Fact]
    public async Task Patch_with_the_wrong_content_type_is_415()
    {
        var client = await host.TraineeAsync();
        var location = (await Tus.CreateAsync(client, 10, Tus.Metadata(("filename", "a.mp4")))).Headers.Location!.ToString();
        var request = Tus.Request(HttpMethod.Patch, location);
        request.Headers.Add("Upload-Offset", "0");
        request.Content = new ByteArrayContent(new byte[10]);
        request.Content.Headers.ContentType = new("application/octet-stream");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Another_trainee_cannot_see_or_write_my_upload()
    {
        var mine = await host.TraineeAsync();
        var location = (await Tus.CreateAsync(mine, 10, Tus.Metadata(("filename", "a.mp4")))).Headers.Location!.ToString();
        var other = await host.OtherTraineeAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(Tus.Request(HttpMethod.Head, location))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Tus.PatchAsync(other, location, 0, new ByteArrayContent(new byte[10]))).StatusCode);
        Assert.Equal(0, await Tus.OffsetAsync(mine, location));
    }

    [Fact]
    public async Task Terminated_upload_is_gone_with_its_bytes()
    {
        var client = await host.TraineeAsync();
        var location = (await Tus.CreateAsync(client, 100, Tus.Metadata(("filename", "a.mp4")))).Headers.Location!.ToString();
        await Tus.PatchAsync(client, location, 0, new ByteArrayContent(new byte[50]));

        var response = await client.SendAsync(Tus.Request(HttpMethod.Delete, location));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Tus.Request(HttpMethod.Head, location))).StatusCode);
        Assert.False(File.Exists(OriginalPath(location)));
    }

    [Fact]
    public async Task Abandoned_uploads_expire_and_their_bytes_are_removed()
    {
        var client = await host.TraineeAsync();
        var location = (await Tus.CreateAsync(client, 100, Tus.Metadata(("filename", "a.mp4")))).Headers.Location!.ToString();
        await Tus.PatchAsync(client, location, 0, new ByteArrayContent(new byte[50]));
        var id = Guid.Parse(location.Split('/').Last());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.LessonReviewDb>();
            var lesson = await db.Lessons.FindAsync(id);
            lesson!.UploadExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Gone, (await client.SendAsync(Tus.Request(HttpMethod.Head, location))).StatusCode);

        var expiry = host.Services.GetServices<IHostedService>().OfType<UploadExpiryService>().Single();
        await expiry.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Tus.Request(HttpMethod.Head, location))).StatusCode);
        Assert.False(File.Exists(OriginalPath(location)));
    }

    [Fact]
    public async Task A_zero_byte_file_is_refused_before_any_lesson_exists()
    {
        var client = await host.TraineeAsync();
        var before = (await client.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!.Count;

        var response = await Tus.CreateAsync(client, 0, Tus.Metadata(("filename", "empty.mov"), ("title", "Empty")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("This file is empty (0 bytes)", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(before, (await client.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!.Count); // no failed lesson left behind
    }

    [Fact]
    public async Task A_large_chunk_is_received_in_large_blocks_and_stored_intact()
    {
        // Kestrel's own 4 KB receive blocks made a long upload cost a system call per 4 KB;
        // the app hands the socket transport 64 KB blocks (Server:ReceiveBlockSize).
        var blocks = Assert.IsType<ReceiveBlockPoolFactory>(host.Services.GetRequiredService<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>>());
        var client = await host.TraineeAsync();
        var original = RandomNumberGenerator.GetBytes(16 << 20);
        var created = await Tus.CreateAsync(client, original.Length, Tus.Metadata(("filename", "big.mov")));
        var location = created.Headers.Location!.ToString();

        var rentsBefore = blocks.Rents;
        var patched = await Tus.PatchAsync(client, location, 0, new ByteArrayContent(original));
        var rents = blocks.Rents - rentsBefore;

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(SHA256.HashData(original), SHA256.HashData(await File.ReadAllBytesAsync(OriginalPath(location))));
        Assert.InRange(rents, 1, original.Length / (16 * 1024)); // 4 KB blocks would take at least 4096
    }

    private string OriginalPath(string location) =>
        Path.Combine(host.DataDirectory, "media", MediaKeys.Original(Guid.Parse(location.Split('/').Last())));

    private async Task<byte[]> StoredOriginalAsync(string location, int length) =>
        (await File.ReadAllBytesAsync(OriginalPath(location)))[..length];
}

/// <summary>Yields the first <paramref name="failAfter"/> bytes, then fails like a dropped connection.</summary>
internal sealed class FailingStream(byte[] data, int failAfter) : Stream
{
    private int _position;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= failAfter) throw new IOException("Wi-Fi dropped");
        var n = Math.Min(Math.Min(count, failAfter - _position), 16 * 1024);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

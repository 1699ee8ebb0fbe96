using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests;

/// <summary>
/// The media volume really fills up (a 48 MB tmpfs mounted as the app's media folder, the database
/// elsewhere, as in production): an upload that runs out keeps what arrived and says so, the rest of
/// the app keeps working, deleting frees the space, and a new upload is refused up front.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly string _media;

    public FullDiskTests()
    {
        _media = Directory.CreateDirectory(Path.Combine(_data.Path, "media")).FullName;
        Run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", _media); // root, as scripts/test.sh runs on CI
    }

    public void Dispose()
    {
        Run("umount", "-l", _media);
        _data.Dispose();
    }

    [Fact]
    public async Task Running_out_mid_upload_keeps_the_bytes_says_so_and_deleting_frees_the_space()
    {
        using var host = AppHost.With(new() { ["Upload:FreeSpaceReserveBytes"] = "0" }, _data.Path);
        var trainee = await host.NewUserAsync("trainee");
        var created = await Tus.CreateAsync(trainee, 40 << 20, Tus.Metadata(("filename", "class.mp4")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        // Something else takes most of the volume meanwhile (another upload, a log file).
        await File.WriteAllBytesAsync(Path.Combine(_media, "someone-else"), new byte[30 << 20]);

        var patch = await Tus.PatchAsync(trainee, location, 0, new ByteArrayContent(new byte[40 << 20]));

        Assert.Equal(HttpStatusCode.InsufficientStorage, patch.StatusCode);
        Assert.Contains("run out of space", (await patch.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var kept = await Tus.OffsetAsync(trainee, location);
        Assert.InRange(kept, 1, 18 << 20); // what arrived before the disk filled is kept, to resume later

        // The rest of the app works: the database is not on the full volume.
        Assert.Equal(HttpStatusCode.OK, (await trainee.GetAsync("/api/lessons")).StatusCode);
        var refused = await Tus.CreateAsync(trainee, 20 << 20, Tus.Metadata(("filename", "another.mp4")));
        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode); // refused before any byte is sent

        var freeBefore = new DriveInfo(_media).AvailableFreeSpace;
        Assert.Equal(HttpStatusCode.NoContent, (await trainee.SendAsync(Tus.Request(HttpMethod.Delete, location))).StatusCode);
        Assert.True(new DriveInfo(_media).AvailableFreeSpace > freeBefore, "deleting the upload freed its bytes");
    }

    private static void Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed ({error.Trim()}): this test mounts a small tmpfs and needs root.");
    }
}

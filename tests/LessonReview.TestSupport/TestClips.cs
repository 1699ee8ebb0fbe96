using System.Diagnostics;

namespace LessonReview.TestSupport;

/// <summary>
/// Short clips generated with ffmpeg's lavfi sources, once per test run, so tests need no binary
/// fixtures. Each property names the kind of recording a trainee might upload.
/// </summary>
public static class TestClips
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "lessonreview-clips-" + Environment.ProcessId);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Made = new();

    /// <summary>Landscape 1280×720 H.264 High + AAC MP4, 5 s: the fast (remux) path.</summary>
    /// <summary>One 5000×5000 H.264 frame in 75 KB: a picture no browser should be asked to play.</summary>
    public static Task<string> HugePictureAsync() => MakeAsync("huge-5000.mp4",
        "-f lavfi -i color=c=gray:s=5000x5000:d=0.1:r=10 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");

    /// <summary>Two seconds of video whose timestamps jump ten hours after the first second: a tiny file "10 hours" long.</summary>
    public static Task<string> TimestampGapAsync() => MakeAsync("timestamp-gap.mkv",
        "-f lavfi -i testsrc2=size=320x240:rate=10:duration=2 -vf setpts='if(gte(N,10),PTS+36000/TB,PTS)' -c:v libx264 -preset ultrafast -pix_fmt yuv420p");

    public static Task<string> LandscapeH264Async() => MakeAsync("landscape-h264.mp4",
        "-f lavfi -i testsrc2=size=1280x720:rate=30:duration=5 -f lavfi -i sine=frequency=440:duration=5:sample_rate=48000 " +
        "-c:v libx264 -preset ultrafast -profile:v high -pix_fmt yuv420p -c:a aac -shortest");

    /// <summary>Phone-style portrait HEVC MOV: 640×360 coded, rotated 90° by metadata, 4 s.</summary>
    public static async Task<string> PortraitHevcMovAsync()
    {
        var coded = await MakeAsync("portrait-coded.mov",
            "-f lavfi -i testsrc2=size=640x360:rate=30:duration=4 -f lavfi -i sine=frequency=300:duration=4 " +
            "-c:v libx265 -preset ultrafast -x265-params log-level=error -tag:v hvc1 -pix_fmt yuv420p -c:a aac -shortest");
        return await MakeAsync("portrait-hevc.mov", $"-i {coded} -c copy -metadata:s:v:0 rotate=90");
    }

    /// <summary>
    /// A phone's portrait recording: upright it is 360×640, grey with a red square in its top-left
    /// corner (<see cref="UprightPicture"/> tells whether a decoded picture shows it so). The phone
    /// stores the pixels turned and a display rotation of <paramref name="rotation"/> (90, 180, 270)
    /// that turns them back; <paramref name="codec"/> is h264 (High + AAC in MP4: the fast path) or
    /// hevc (MOV, as iPhones record: the encode path). <paramref name="seconds"/> long, 30 fps.
    /// </summary>
    public static async Task<string> PortraitPhoneAsync(string codec, int rotation, int seconds = 4)
    {
        // ffmpeg's rotate tag R makes players turn the picture R° anticlockwise: store it turned R° clockwise.
        var turn = rotation switch { 90 => "transpose=1", 180 => "hflip,vflip", 270 => "transpose=2", _ => throw new ArgumentOutOfRangeException(nameof(rotation)) };
        var encoder = codec switch
        {
            "h264" => "-c:v libx264 -preset ultrafast -profile:v high -pix_fmt yuv420p -g 30",
            "hevc" => "-c:v libx265 -preset ultrafast -x265-params log-level=error -tag:v hvc1 -pix_fmt yuv420p",
            _ => throw new ArgumentOutOfRangeException(nameof(codec)),
        };
        var container = codec == "h264" ? "mp4" : "mov";
        var stored = await MakeAsync($"portrait-{codec}-{rotation}-{seconds}-stored.{container}",
            $"-f lavfi -i color=c=gray:s=360x640:r=30:d={seconds},drawbox=x=0:y=0:w=72:h=72:color=red:t=fill,{turn} " +
            $"-f lavfi -i sine=frequency=300:duration={seconds}:sample_rate=48000 {encoder} -c:a aac -shortest");
        return await MakeAsync($"portrait-{codec}-{rotation}-{seconds}.{container}", $"-i {stored} -map 0 -c copy -metadata:s:v:0 rotate={rotation}");
    }

    /// <summary>
    /// The first picture of <paramref name="media"/> as a player shows it (ffmpeg applies the display
    /// rotation while decoding, as browsers do): its size and whether the red square of
    /// <see cref="PortraitPhoneAsync"/> is in the top-left corner with grey in the others.
    /// </summary>
    public static async Task<(int Width, int Height, bool Upright)> UprightPicture(string media)
    {
        using var folder = new TempFolder();
        var ppm = folder.File("first.ppm");
        await FFmpegAsync("-i", media, "-frames:v", "1", "-c:v", "ppm", "-f", "image2", ppm);
        var bytes = await File.ReadAllBytesAsync(ppm);
        // P6, width, height, maxval, each followed by one whitespace byte, then RGB rows.
        var header = System.Text.Encoding.ASCII.GetString(bytes, 0, 40).Split((char[])[' ', '\n'], 5);
        int width = int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture), height = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
        var start = bytes.Length - width * height * 3;
        (int R, int G, int B) At(double x, double y)
        {
            var i = start + ((int)(y * height) * width + (int)(x * width)) * 3;
            return (bytes[i], bytes[i + 1], bytes[i + 2]);
        }
        static bool Red((int R, int G, int B) p) => p.R > 180 && p.G < 80 && p.B < 80;
        static bool Grey((int R, int G, int B) p) => Math.Abs(p.R - 128) < 30 && Math.Abs(p.G - 128) < 30 && Math.Abs(p.B - 128) < 30;
        var upright = Red(At(0.05, 0.03)) && Grey(At(0.95, 0.03)) && Grey(At(0.05, 0.97)) && Grey(At(0.95, 0.97));
        return (width, height, upright);
    }

    /// <summary>MPEG-4 Part 2 in AVI with no audio track, 4 s.</summary>
    public static Task<string> NoAudioAviAsync() => MakeAsync("no-audio.avi",
        "-f lavfi -i testsrc2=size=640x480:rate=25:duration=4 -c:v mpeg4 -q:v 5");

    /// <summary>VP9 + Opus WebM (what a browser screen recorder writes), 4 s.</summary>
    public static Task<string> Vp9OpusWebmAsync() => MakeAsync("vp9-opus.webm",
        "-f lavfi -i testsrc2=size=640x360:rate=30:duration=4 -f lavfi -i sine=frequency=500:duration=4:sample_rate=48000 " +
        "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 500k -c:a libopus -shortest");

    /// <summary>Variable frame rate H.264 Hi422 in MKV (frames dropped unevenly), about 4 s.</summary>
    public static Task<string> VariableFrameRateMkvAsync() => MakeAsync("vfr.mkv",
        "-f lavfi -i testsrc2=size=640x360:rate=30:duration=4 -vf select=not(mod(n\\,3))+between(n\\,30\\,60) " +
        "-fps_mode vfr -c:v libx264 -preset ultrafast -pix_fmt yuv422p");

    /// <summary>A 720p MPEG-4 Part 2 clip with sound: needs a full encode, long enough to watch its progress.</summary>
    public static Task<string> Mpeg4Async(int seconds) => MakeAsync($"mpeg4-{seconds}.avi",
        $"-f lavfi -i testsrc2=size=1280x720:rate=30:duration={seconds} -f lavfi -i sine=frequency=330:duration={seconds} " +
        "-c:v mpeg4 -q:v 5 -c:a mp3 -shortest");

    /// <summary>A small MPEG-4 Part 2 clip with sound (full encode, cheap): for counting jobs per minute.</summary>
    public static Task<string> SmallMpeg4Async(int seconds) => MakeAsync($"small-mpeg4-{seconds}.avi",
        $"-f lavfi -i testsrc2=size=640x360:rate=30:duration={seconds} -f lavfi -i sine=frequency=330:duration={seconds} " +
        "-c:v mpeg4 -q:v 5 -c:a mp3 -shortest");

    /// <summary>A 1080p clip of the given length for benchmarks.</summary>
    public static Task<string> Hd1080Async(int seconds, bool h264) => MakeAsync($"hd1080-{seconds}-{h264}.{(h264 ? "mp4" : "mkv")}",
        $"-f lavfi -i testsrc2=size=1920x1080:rate=30:duration={seconds} -f lavfi -i sine=frequency=440:duration={seconds}:sample_rate=48000 " +
        (h264 ? "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 30 -c:a aac" : "-c:v mpeg4 -q:v 4 -c:a libopus") + " -shortest");

    /// <summary>An MP4 cut in half while copying (index at the end, so nothing is readable).</summary>
    public static async Task<string> TruncatedMp4Async()
    {
        var whole = await MakeAsync("whole-for-truncation.mp4",
            "-f lavfi -i testsrc2=size=320x240:rate=25:duration=3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        return await WriteOnceAsync("truncated.mp4", async path =>
        {
            var bytes = await File.ReadAllBytesAsync(whole);
            await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        });
    }

    /// <summary>
    /// A filmed lesson with real talk (640×360 H.264 + AAC, ~77 s): <see cref="SynthesisedClassroom.SayLessonAsync"/>'s
    /// eight exchanges; the truth is who really spoke when.
    /// </summary>
    public static async Task<(string Path, IReadOnlyList<LessonReview.Media.Analysis.SpeakerSegment> Truth)> ClassroomLessonAsync()
    {
        var path = await WriteOnceAsync("classroom.mp4", async path =>
        {
            using var folder = new TempFolder();
            var classroom = new SynthesisedClassroom(folder);
            await classroom.SayLessonAsync();
            var sound = await classroom.WriteAsync();
            await FFmpegAsync($"-f lavfi -i testsrc2=size=640x360:rate=15 -i {sound} -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 30 -c:a aac -shortest {path}");
            ClassroomTruth = classroom.Truth;
        });
        return (path, ClassroomTruth);
    }

    private static IReadOnlyList<LessonReview.Media.Analysis.SpeakerSegment> ClassroomTruth = [];

    /// <summary>A PNG still image.</summary>
    public static Task<string> PngImageAsync() => MakeAsync("still.png",
        "-f lavfi -i testsrc2=size=320x240 -frames:v 1");

    /// <summary>An M4A with sound and no picture.</summary>
    public static Task<string> AudioOnlyAsync() => MakeAsync("audio-only.m4a",
        "-f lavfi -i sine=frequency=440:duration=3 -c:a aac");

    /// <summary>A text file with a video's name.</summary>
    public static Task<string> TextFileAsync() =>
        WriteOnceAsync("notes.mp4", path => File.WriteAllTextAsync(path, "Lesson plan: unit 3, greetings.\n"));

    /// <summary>A zero-byte file.</summary>
    public static Task<string> EmptyFileAsync() =>
        WriteOnceAsync("empty.mov", path => File.WriteAllBytesAsync(path, []));

    private static Task<string> MakeAsync(string name, string arguments) =>
        WriteOnceAsync(name, path => FFmpegAsync($"{arguments} {path}"));

    private static async Task<string> WriteOnceAsync(string name, Func<string, Task> write)
    {
        await Gate.WaitAsync();
        try
        {
            if (Made.TryGetValue(name, out var existing)) return existing;
            Directory.CreateDirectory(Folder);
            var path = Path.Combine(Folder, name);
            await write(path);
            Made[name] = path;
            return path;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs ffmpeg with a whitespace-separated argument string (no quoting needed by our clips).</summary>
    public static Task FFmpegAsync(string arguments) => FFmpegAsync(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Runs ffmpeg with these arguments (quiet, overwriting); a failure throws with ffmpeg's own words.</summary>
    public static Task FFmpegAsync(params string[] arguments) => RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]);

    /// <summary>Runs ffprobe with these arguments and returns what it printed.</summary>
    public static Task<string> FFprobeAsync(params string[] arguments) => RunAsync("ffprobe", ["-hide_banner", "-loglevel", "error", .. arguments]);

    /// <summary>The presentation times of one stream's packets (<paramref name="stream"/>: v:0, a:0), sorted.</summary>
    public static async Task<List<double>> PacketTimesAsync(string media, string stream) =>
        (await FFprobeAsync("-allowed_extensions", "ALL", "-select_streams", stream, "-show_entries", "packet=pts_time", "-of", "csv=p=0", media))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => double.Parse(l.Trim().TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();

    private static async Task<string> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', info.ArgumentList)} failed: {await stderr}");
        return stdout;
    }
}

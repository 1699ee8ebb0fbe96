using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Tests;

/// <summary>Pure logic, no binaries: plan, storyboard layout, probe parsing, progress parsing.</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData(1920, 1080, 720, 1280, 720)]
    [InlineData(1080, 1920, 720, 720, 1280)]   // portrait: the short side is capped
    [InlineData(640, 360, 720, 640, 360)]      // never upscaled
    [InlineData(1922, 1082, 720, 1278, 720)]   // 1277.8 rounds to an even 1278 // odd sizes become even
    public void Output_size_caps_the_short_side_and_stays_even(int w, int h, int cap, int ew, int eh) =>
        Assert.Equal((ew, eh), PlaybackPlan.ScaledSize(w, h, cap));

    [Fact]
    public void Storyboard_vtt_addresses_each_thumbnail_in_its_sheet()
    {
        var layout = new Storyboard(IntervalSeconds: 2, ThumbWidth: 160, ThumbHeight: 90, Columns: 2, Rows: 2);

        var vtt = layout.ToWebVtt(thumbCount: 5, TimeSpan.FromSeconds(9));

        Assert.Contains("00:00:00.000 --> 00:00:02.000\nstoryboard-1.jpg#xywh=0,0,160,90", vtt);
        Assert.Contains("00:00:06.000 --> 00:00:08.000\nstoryboard-1.jpg#xywh=160,90,160,90", vtt);
        Assert.Contains("00:00:08.000 --> 00:00:09.000\nstoryboard-2.jpg#xywh=0,0,160,90", vtt);
    }

    [Fact]
    public void Storyboard_for_a_45_minute_lesson_has_about_150_thumbnails_on_even_seconds()
    {
        var layout = Storyboard.For(TimeSpan.FromMinutes(45), 1280, 720, 160);
        Assert.Equal(0, layout.IntervalSeconds % 2);
        Assert.InRange(45 * 60 / layout.IntervalSeconds, 100, 160);
        Assert.Equal(90, layout.ThumbHeight);
    }

    [Fact]
    public void FFMpegCore_analysis_is_normalised_with_rotation_and_without_cover_art()
    {
        const string json = """
        {"streams":[
          {"index":0,"codec_type":"video","codec_name":"mjpeg","width":300,"height":300,"disposition":{"attached_pic":1}},
          {"index":1,"codec_type":"video","codec_name":"hevc","profile":"Main","pix_fmt":"yuv420p","width":1920,"height":1080,
           "avg_frame_rate":"30000/1001","side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
          {"index":2,"codec_type":"audio","codec_name":"aac","channels":2,"sample_rate":"48000"}],
         "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"0:45:12.345000","bit_rate":"12000000"}}
        """;

        var analysis = MediaAnalysis.From(FFMpegCore.FFProbe.FromJson(json));

        var video = analysis.PrimaryVideoStream!;
        Assert.Equal(("hevc", 1080, 1920), (video.CodecName, video.DisplayWidth, video.DisplayHeight));
        Assert.Equal(29.97, video.FrameRate, 2);
        Assert.Equal(2712.345, analysis.Duration.TotalSeconds, 3);
        Assert.Equal(2, analysis.PrimaryAudioStream!.Channels);
    }

    [Fact]
    public void Only_h264_with_aac_or_no_audio_is_remuxed()
    {
        static MediaAnalysis Source(string video, string? profile, string pix, string? audio) => new("mov", TimeSpan.FromSeconds(10), null,
            [new VideoStream(0, video, profile, pix, 1920, 1080, 0, 30, null)],
            audio is null ? [] : [new AudioStream(1, audio, null, 2, 48000)]);
        var settings = new PlaybackSettings();

        Assert.True(PlaybackPlan.For(Source("h264", "High", "yuv420p", "aac"), settings).FastPath);
        Assert.True(PlaybackPlan.For(Source("h264", "Main", "yuv420p", null), settings).FastPath);
        Assert.False(PlaybackPlan.For(Source("h264", "High 10", "yuv420p10le", "aac"), settings).FastPath);
        Assert.False(PlaybackPlan.For(Source("h264", "High", "yuv420p", "pcm_s16le"), settings).FastPath);
        Assert.False(PlaybackPlan.For(Source("hevc", "Main", "yuv420p", "aac"), settings).FastPath);
    }

    [Fact]
    public void Thread_cap_covers_decoder_filters_and_encoder()
    {
        var arguments = FFMpegJob.From("in.mov", InputPolicy.LocalFile).To("out.mp4", "-c:v", "libx264").CommandLine(threads: 1).Split(' ');

        var input = arguments.ToList().IndexOf("-i");
        Assert.Contains("-filter_threads", arguments);
        Assert.True(arguments.Take(input).Contains("-threads"), "decoder threads are set before -i");
        Assert.True(arguments.Skip(input).Contains("-threads"), "encoder threads are set after -i");
        Assert.DoesNotContain("-threads", FFMpegJob.From("in.mov", InputPolicy.LocalFile).To("o.mp4").CommandLine().Split(' '));
    }

    [Fact]
    public void Every_input_is_read_under_its_whitelists_and_ffmpeg_keeps_listening_for_q()
    {
        var line = FFMpegJob.From("in.mov", InputPolicy.LocalFile).To("out.mp4").CommandLine();
        var input = line.IndexOf("-i ", StringComparison.Ordinal);

        Assert.Contains("-protocol_whitelist file", line[..input]);
        Assert.Contains($"-format_whitelist {InputPolicy.ContainerFormats}", line[..input]);
        // FFMpegCore cancels by writing "q" to stdin: -nostdin would make ffmpeg deaf to it.
        Assert.DoesNotContain("-nostdin", line);
    }

    [Theory]
    [InlineData("scale=1280:720")]
    [InlineData("drawtext=text='Lesson 3':fontsize=24")]
    [InlineData("a \"quoted\" word\\")]
    [InlineData("")]
    public void Arguments_with_spaces_and_quotes_reach_ffmpeg_as_one_argument(string argument)
    {
        // FFMpegCore hands .NET one argument string; a real child process shows how it was split.
        const string script = "for a; do printf '[%s]' \"$a\"; done";
        var info = new System.Diagnostics.ProcessStartInfo("/bin/sh",
            LessonReview.Media.Tools.ArgumentText.Join(["-c", script, "sh", "-a", argument, "-b"]))
        { RedirectStandardOutput = true };
        using var child = System.Diagnostics.Process.Start(info)!;
        var printed = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        Assert.Equal($"[-a][{argument}][-b]", printed);
    }

    [Fact]
    public void Progress_is_read_from_out_time_us_lines()
    {
        var seen = new List<double>();
        FFMpegRunner.ReportProgress("frame=30", TimeSpan.FromSeconds(10), seen.Add);
        FFMpegRunner.ReportProgress("out_time_us=2500000", TimeSpan.FromSeconds(10), seen.Add);
        FFMpegRunner.ReportProgress("out_time_us=N/A", TimeSpan.FromSeconds(10), seen.Add);
        FFMpegRunner.ReportProgress("out_time_us=99000000", TimeSpan.FromSeconds(10), seen.Add);
        Assert.Equal([0.25, 1.0], seen);
    }
}

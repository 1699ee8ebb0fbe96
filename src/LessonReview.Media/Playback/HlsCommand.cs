using System.Globalization;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>What the encode's own decode also writes (the full path): storyboard thumbnails and the poster.</summary>
/// <param name="ThumbnailFolder">Numbered JPEGs, one per <see cref="Storyboard.IntervalSeconds"/>; null: too short for a storyboard.</param>
/// <param name="PosterAt">Where the poster is looked for (the middle of the lesson).</param>
public sealed record PictureOutputs(string? ThumbnailFolder, Storyboard? Layout, string PosterPath, TimeSpan PosterAt);

/// <summary>
/// The one ffmpeg command that writes a lesson's HLS presentation: fMP4 segments, an EVENT playlist
/// per rendition that grows as segments are written, and index.m3u8. On the full path one decode
/// feeds every output through a split filter graph (renditions, storyboard thumbnails, poster):
/// measured no slower than the renditions alone, where separate passes cost 1.12×.
/// </summary>
public static class HlsCommand
{
    /// <param name="chunk">
    /// One part of a lesson encoded in parts (no pictures then): its range only, its segments numbered
    /// and timed where they fall in the whole lesson, so parts encoded apart join into one playlist.
    /// </param>
    public static FFMpegJob For(
        PlaybackPlan plan, string input, InputPolicy policy, string folder, PlaybackSettings settings, PictureOutputs? pictures = null,
        LessonChunk? chunk = null)
    {
        var output = new List<string>();
        if (chunk is not null && pictures is not null) throw new ArgumentException("A part of a lesson makes no pictures.", nameof(pictures));
        if (plan.FastPath)
        {
            output.AddRange(["-map", $"0:{plan.VideoIndex}"]);
            if (plan.HasAudio) output.AddRange(["-map", "0:a:0"]);
            output.AddRange(["-c", "copy"]);
        }
        else
        {
            output.AddRange(["-filter_complex", FilterGraph(plan, pictures)]);
            for (var i = 0; i < plan.Renditions.Count; i++)
            {
                output.AddRange(["-map", $"[v{i}]"]);
                if (plan.HasAudio) output.AddRange(["-map", "0:a:0"]);
            }
            output.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-profile:v", "high", "-pix_fmt", "yuv420p",
                // keyframes every N s whatever the scenes: seeking is quick and segments cut evenly
                "-force_key_frames", $"expr:gte(t,n_forced*{settings.KeyframeSeconds})"]);
            for (var i = 0; i < plan.Renditions.Count; i++)
            {
                var r = plan.Renditions[i];
                output.AddRange([$"-maxrate:v:{i}", Invariant(r.MaxRate), $"-bufsize:v:{i}", Invariant(r.MaxRate * 2)]);
                if (plan.HasAudio) output.AddRange([$"-b:a:{i}", r.AudioBitrate!]);
            }
            if (plan.HasAudio) output.AddRange(["-c:a", "aac", "-ac", "2", "-ar", "48000"]);
        }

        var streamMap = string.Join(' ', plan.Renditions.Select((r, i) =>
            plan.HasAudio ? $"v:{i},a:{i},name:{r.Name}" : $"v:{i},name:{r.Name}"));
        output.AddRange([
            "-sn", "-dn", "-f", "hls", "-hls_time", Invariant(settings.SegmentSeconds),
            // EVENT: the playlist only grows, so players may start while it is written; ENDLIST closes it.
            "-hls_playlist_type", "event", "-hls_segment_type", "fmp4",
            // temp_file: a segment or playlist appears under its name only once complete (HlsPublisher relies on it).
            "-hls_flags", "independent_segments+temp_file",
            // ffmpeg 5.1 fills in %v here only when there are several renditions
            "-hls_fmp4_init_filename", plan.Renditions.Count == 1 ? HlsNames.Init(plan.Renditions[0].Name) : "%v-init.mp4",
            "-hls_segment_filename", Path.Combine(folder, "%v-%05d.m4s"),
            "-master_pl_name", HlsNames.MasterPlaylist,
            "-var_stream_map", streamMap,
        ]);
        if (chunk is not null) output.AddRange(ChunkOptions(chunk));
        var playlists = Path.Combine(folder, "%v.m3u8");
        string[] inputOptions = chunk is null ? [] : ["-ss", Seconds(chunk.Start), .. chunk.Last ? [] : new[] { "-t", Seconds(chunk.Length) }];
        if (pictures is null) return FFMpegJob.From(input, policy, inputOptions).To(playlists, [.. output]) with { Label = "hls" };

        output.Add(playlists);
        if (pictures.ThumbnailFolder is { } thumbs)
            output.AddRange(["-map", "[thumbs]", "-q:v", "5", Path.Combine(thumbs, "%05d.jpg")]);
        return FFMpegJob.From(input, policy).To(pictures.PosterPath, [.. output, "-map", "[poster]", "-frames:v", "1", "-q:v", "3", "-update", "1"])
            with { Label = "hls" };
    }

    /// <summary>
    /// A part starts exactly at its time (-ss before -i decodes from the keyframe before and drops
    /// what precedes), its timestamps are shifted to where it lies in the lesson and its fragments
    /// carry them (frag_discont: otherwise every part's would start at 0, and the initialisation
    /// segments differ by the offset), its frames pass as they are (the default constant-rate mode
    /// repeats the last frame into a sliver of a segment) and its segments are numbered from its first.
    /// Measured: every part's initialisation segment is then byte-identical, so the first part's serves all.
    /// Every part's timestamps also lead by <see cref="PartLead"/>: without it the first part alone
    /// starts below zero (x264's reordering delay, AAC's priming) and is shifted two frames later than
    /// the rest, so its last frames and the next part's first ones would share their moments. Players
    /// start a presentation's clock at its first timestamp, whatever it is.
    /// </summary>
    private static IEnumerable<string> ChunkOptions(LessonChunk chunk) =>
    [
        "-output_ts_offset", Seconds(chunk.Start + PartLead), "-fps_mode", "passthrough",
        "-hls_segment_options", "movflags=+frag_discont", "-start_number", Invariant(chunk.FirstSegment),
    ];

    /// <summary>More than any encoder delay or audio priming.</summary>
    internal static readonly TimeSpan PartLead = TimeSpan.FromSeconds(1);

    private static string Seconds(TimeSpan t) => PlaybackPipeline.Seconds(t.TotalSeconds);

    /// <summary>
    /// split → one scaled branch per rendition, the storyboard's (one frame every interval, small),
    /// and the poster's: the `thumbnail` filter's pick of the frames in one second at the middle.
    /// </summary>
    internal static string FilterGraph(PlaybackPlan plan, PictureOutputs? pictures)
    {
        var branches = plan.Renditions.Select((r, i) => ($"[r{i}]", $"scale={r.Width}:{r.Height}:flags=bicubic,format=yuv420p[v{i}]")).ToList();
        if (pictures?.Layout is { } layout && pictures.ThumbnailFolder is not null)
            branches.Add(("[t]", $"fps=1/{layout.IntervalSeconds},scale={layout.ThumbWidth}:{layout.ThumbHeight}[thumbs]"));
        if (pictures is not null)
        {
            var from = PlaybackPipeline.Seconds(pictures.PosterAt.TotalSeconds);
            var to = PlaybackPipeline.Seconds(pictures.PosterAt.TotalSeconds + 1);
            branches.Add(("[p]", $"select='between(t\\,{from}\\,{to})',scale={plan.Width}:{plan.Height}:flags=bicubic,thumbnail=10[poster]"));
        }
        var split = $"[0:{plan.VideoIndex}]split={branches.Count}{string.Concat(branches.Select(b => b.Item1))}";
        return string.Join(';', [split, .. branches.Select(b => b.Item1 + b.Item2)]);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

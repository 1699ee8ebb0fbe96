namespace LessonReview.Media;

/// <summary>
/// Limits what ffmpeg may open while reading an input, so that a crafted upload (an HLS or concat
/// playlist, an image sequence) cannot make it read other local files or reach the network.
/// </summary>
public sealed record InputPolicy(string Protocols, string Formats)
{
    /// <summary>Real container formats phones, cameras and screen recorders write.</summary>
    public const string ContainerFormats = "mov,mp4,matroska,webm,avi,mpegts,mpeg,flv,asf,mxf,ogg";

    /// <summary>Reading a file on local disk.</summary>
    public static InputPolicy LocalFile { get; } = new("file", ContainerFormats);

    /// <summary>Reading an output this application wrote itself (MP4 only).</summary>
    public static InputPolicy OwnOutput { get; } = new("file", "mov");

    /// <summary>Reading an HLS presentation this application wrote itself (playlists and fMP4 segments on local disk).</summary>
    public static InputPolicy OwnPresentation { get; } = new("file", "hls,mov");

    internal IEnumerable<string> ToArguments() =>
        ["-protocol_whitelist", Protocols, "-format_whitelist", Formats];
}

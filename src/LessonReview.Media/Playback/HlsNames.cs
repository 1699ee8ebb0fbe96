using System.Text.RegularExpressions;

namespace LessonReview.Media.Playback;

/// <summary>
/// The files of a lesson's HLS presentation, all in one flat folder so the app's media URL
/// (<c>/api/lessons/{id}/media/{file}</c>) resolves every relative link in the playlists:
/// <c>index.m3u8</c> (the multivariant playlist), then per rendition <c>main.m3u8</c>,
/// <c>main-init.mp4</c> (the fMP4 initialisation segment) and <c>main-00000.m4s</c>….
/// </summary>
public static partial class HlsNames
{
    public const string MasterPlaylist = "index.m3u8";

    /// <summary>The rendition every lesson has: the source remuxed, or the encode capped at Media:MaxHeight.</summary>
    public const string Main = "main";

    /// <summary>The low-bandwidth rung (360p) for school Wi-Fi, on encoded lessons.</summary>
    public const string Low = "low";

    public static string Playlist(string rendition) => rendition + ".m3u8";

    public static string Init(string rendition) => rendition + "-init.mp4";

    /// <summary>A file name is one of ours (playlists, init or media segments): nothing else is served.</summary>
    public static bool IsHlsFile(string name) => HlsFile().IsMatch(name);

    public static bool IsPlaylist(string name) => name.EndsWith(".m3u8", StringComparison.Ordinal);

    /// <summary>The Content-Type each kind of file is served with (RFC 8216 and ISO BMFF segment types).</summary>
    public static string ContentType(string name) =>
        IsPlaylist(name) ? "application/vnd.apple.mpegurl"
        : name.EndsWith(".m4s", StringComparison.Ordinal) ? "video/iso.segment"
        : "video/mp4";

    [GeneratedRegex(@"^(index\.m3u8|(main|low)(\.m3u8|-init\.mp4|-[0-9]{5,6}\.m4s))$")]
    private static partial Regex HlsFile();
}

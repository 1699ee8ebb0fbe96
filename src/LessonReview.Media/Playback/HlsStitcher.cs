using System.Globalization;

namespace LessonReview.Media.Playback;

/// <summary>
/// Joins the media playlists of a lesson's parts, encoded apart, into the lesson's one playlist per
/// rendition: the first part's header (its media sequence 0 and initialisation segment, which every
/// part shares), the longest target duration of any, then every part's segments in order.
/// </summary>
public static class HlsStitcher
{
    public const string EndList = "#EXT-X-ENDLIST";
    private const string TargetDuration = "#EXT-X-TARGETDURATION:";

    /// <param name="complete">All parts are there: the playlist gets its end.</param>
    public static string Join(IReadOnlyList<string> parts, bool complete)
    {
        if (parts.Count == 0) throw new ArgumentException("No parts to join.", nameof(parts));
        var target = parts.SelectMany(Lines).Where(l => l.StartsWith(TargetDuration, StringComparison.Ordinal))
            .Select(l => int.Parse(l[TargetDuration.Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(1).Max();
        var header = Lines(parts[0]).TakeWhile(l => !IsBody(l))
            .Select(l => l.StartsWith(TargetDuration, StringComparison.Ordinal) ? TargetDuration + target.ToString(CultureInfo.InvariantCulture) : l);
        var body = parts.SelectMany(p => Lines(p).SkipWhile(l => !IsBody(l)).Where(l => l != EndList));
        return string.Join('\n', [.. header, .. body, .. complete ? new[] { EndList } : []]) + "\n";
    }

    /// <summary>The same playlist without its end: more parts follow it.</summary>
    public static string Open(string playlist) => string.Join('\n', Lines(playlist).Where(l => l != EndList)) + "\n";

    private static bool IsBody(string line) => line.StartsWith("#EXTINF:", StringComparison.Ordinal);

    private static IEnumerable<string> Lines(string playlist) =>
        playlist.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
}

using LessonReview.Web.Lessons;

namespace LessonReview.Web.Tests.Support;

/// <summary>Reads a lesson's HLS presentation the way a player does: multivariant playlist → rendition playlist → segments.</summary>
public static class Hls
{
    /// <summary>The rendition playlists index.m3u8 names (relative to the lesson's media URL).</summary>
    public static async Task<List<string>> RenditionsAsync(HttpClient client, LessonDto lesson) =>
        Lines(await client.GetStringAsync(lesson.VideoUrl)).Where(l => l.EndsWith(".m3u8", StringComparison.Ordinal)).ToList();

    /// <summary>A rendition playlist's text, and the init and media segment URLs it names, in order.</summary>
    public static async Task<(string Text, List<string> Files)> PlaylistAsync(HttpClient client, Guid lessonId, string playlist)
    {
        var text = await client.GetStringAsync(MediaUrl(lessonId, playlist));
        var files = new List<string>();
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal)) files.Add(MediaUrl(lessonId, line[16..line.IndexOf('"', 16)]));
            else if (!line.StartsWith('#')) files.Add(MediaUrl(lessonId, line));
        }
        return (text, files);
    }

    private static string MediaUrl(Guid lessonId, string file) => LessonDto.MediaUrl(lessonId, file);

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}

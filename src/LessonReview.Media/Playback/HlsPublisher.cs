namespace LessonReview.Media.Playback;

/// <summary>
/// Publishes an HLS presentation while ffmpeg writes it. Each pass reads every rendition's playlist
/// (complete files only: ffmpeg renames them into place), publishes the segments it names that are
/// new, and only then that same snapshot of the playlist, so a player never meets a missing segment.
/// index.m3u8 is published once every rendition has a segment: from then on the lesson is playable.
/// With <paramref name="keepOpen"/> (the first part of a lesson encoded in parts) the playlists are
/// published without their end, since the other parts' segments follow.
/// </summary>
internal sealed class HlsPublisher(string folder, IReadOnlyList<Rendition> renditions, IPlaybackSink sink, PlayableLesson lesson, bool keepOpen = false)
{
    private readonly HashSet<string> _published = [];
    private readonly Dictionary<string, string> _playlistsPublished = [];
    private readonly string _snapshots = Path.Combine(folder, ".published");

    /// <summary>True once index.m3u8 is out.</summary>
    public bool Playable { get; private set; }

    /// <summary>One pass; tells the sink the lesson is playable when this pass made it so.</summary>
    public async Task PublishNewAsync(CancellationToken cancellationToken)
    {
        var withSegments = 0;
        foreach (var rendition in renditions)
        {
            var name = HlsNames.Playlist(rendition.Name);
            var text = ReadComplete(Path.Combine(folder, name));
            if (text is null) continue;
            if (keepOpen) text = HlsStitcher.Open(text);
            var segments = PlaylistFiles(text).ToList();
            if (segments.Any(s => s.EndsWith(".m4s", StringComparison.Ordinal))) withSegments++;
            if (_playlistsPublished.TryGetValue(name, out var previous) && previous == text) continue;

            foreach (var file in segments.Where(f => !_published.Contains(f)))
            {
                if (rendition.Rotation != 0 && file == HlsNames.Init(rendition.Name))
                    DisplayRotation.WriteTo(Path.Combine(folder, file), rendition.Rotation);
                await sink.PublishAsync(file, Path.Combine(folder, file), HlsNames.ContentType(file), cancellationToken);
                _published.Add(file);
            }
            await PublishPlaylistAsync(name, text, cancellationToken);
            _playlistsPublished[name] = text;
        }

        if (Playable || withSegments < renditions.Count) return;
        var master = ReadComplete(Path.Combine(folder, HlsNames.MasterPlaylist));
        if (master is null) return;
        await PublishPlaylistAsync(HlsNames.MasterPlaylist, master, cancellationToken);
        Playable = true;
        await sink.PlayableAsync(lesson, cancellationToken);
    }

    /// <summary>Publishes this text as the playlist <paramref name="name"/> (the text we read, not the file again: ffmpeg may have added a segment meanwhile).</summary>
    public async Task PublishPlaylistAsync(string name, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_snapshots);
        var snapshot = Path.Combine(_snapshots, name);
        await File.WriteAllTextAsync(snapshot, text, cancellationToken);
        await sink.PublishAsync(name, snapshot, HlsNames.ContentType(name), cancellationToken);
    }

    /// <summary>The files a playlist names: EXT-X-MAP's init segment and the media segments, ours only.</summary>
    internal static IEnumerable<string> PlaylistFiles(string playlist)
    {
        foreach (var raw in playlist.Split('\n'))
        {
            var line = raw.Trim();
            var file = line.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal) ? line[16..line.IndexOf('"', 16)]
                : line.Length > 0 && line[0] != '#' ? line : null;
            if (file is not null && HlsNames.IsHlsFile(file)) yield return file;
        }
    }

    // A playlist is complete when it ends with a newline (ffmpeg renames whole files into place; this
    // also guards against a reader on a file system where it cannot).
    private static string? ReadComplete(string path)
    {
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path);
        return text.EndsWith('\n') ? text : null;
    }
}

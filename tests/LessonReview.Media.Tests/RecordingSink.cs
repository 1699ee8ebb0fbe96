using LessonReview.Media.Playback;

namespace LessonReview.Media.Tests;

/// <summary>A sink that keeps a copy of everything published, each playlist with what was published before it.</summary>
internal sealed class RecordingSink(string folder) : IPlaybackSink
{
    public List<string> Published { get; } = [];
    public List<(string Name, string Text, string[] Before)> Playlists { get; } = [];
    public List<PlayableLesson> Playable { get; } = [];
    /// <summary>Each storyboard published while encoding: its sheets and the text of its VTT.</summary>
    public List<(int Sheets, string Vtt)> Storyboards { get; } = [];

    private readonly Lock _gate = new(); // several workers publish one lesson's parts at once

    public Task PublishAsync(string name, string localPath, string contentType, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(folder);
            File.Copy(localPath, Path.Combine(folder, name), overwrite: true);
            if (HlsNames.IsPlaylist(name)) Playlists.Add((name, File.ReadAllText(localPath), [.. Published]));
            Published.Add(name);
        }
        return Task.CompletedTask;
    }

    public Task StoryboardAsync(int sheets, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Assert.Contains(HlsNames.MasterPlaylist, Published); // previews only for a lesson one can watch
            Storyboards.Add((sheets, File.ReadAllText(Path.Combine(folder, PlaybackPipeline.StoryboardVttFileName))));
        }
        return Task.CompletedTask;
    }

    public Task PlayableAsync(PlayableLesson lesson, CancellationToken cancellationToken)
    {
        Assert.Contains(HlsNames.MasterPlaylist, Published); // playable only once the player has something to load
        Playable.Add(lesson);
        return Task.CompletedTask;
    }
}

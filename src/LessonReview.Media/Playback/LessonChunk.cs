namespace LessonReview.Media.Playback;

/// <summary>
/// One part of a long lesson, encoded on its own (by any worker) into a run of the lesson's HLS
/// segments: <see cref="FirstSegment"/> onwards. Parts start at multiples of the segment length, so
/// every part's segments fall where one whole-lesson encode would have put them.
/// </summary>
/// <param name="Last">The last part runs to the end of the file, whatever the probe said its length is.</param>
public sealed record LessonChunk(int Index, TimeSpan Start, TimeSpan Length, int FirstSegment, bool Last)
{
    public TimeSpan End => Start + Length;

    /// <summary>
    /// The parts of an encoded lesson of <paramref name="duration"/>: one per whole
    /// <see cref="PlaybackSettings.ChunkSeconds"/>, the last taking the remainder (so none is a sliver);
    /// a single part when the lesson is shorter than two, or chunking is off (0).
    /// </summary>
    public static IReadOnlyList<LessonChunk> For(TimeSpan duration, PlaybackSettings settings)
    {
        var length = settings.ChunkSeconds;
        var count = length <= 0 ? 1 : Math.Max(1, (int)(duration.TotalSeconds / length));
        if (count == 1) return [new LessonChunk(0, TimeSpan.Zero, duration, 0, Last: true)];
        var segmentsPerChunk = length / settings.SegmentSeconds;
        return Enumerable.Range(0, count).Select(i => new LessonChunk(
            i, TimeSpan.FromSeconds(i * length),
            i == count - 1 ? duration - TimeSpan.FromSeconds(i * length) : TimeSpan.FromSeconds(length),
            i * segmentsPerChunk, i == count - 1)).ToList();
    }
}

namespace LessonReview.Media.Analysis;

/// <summary>
/// One voice's speech joined into turns while it pauses less than <see cref="TalkSettings.TurnGapSeconds"/>:
/// the rule the teacher is chosen by (<see cref="Voices"/>) and the measures count with (<see cref="TalkReport"/>).
/// </summary>
internal static class Turns
{
    public static List<(T Who, double Start, double End)> Join<T>(IEnumerable<(T Who, double Start, double End)> pieces, double gapSeconds)
    {
        var turns = new List<(T Who, double Start, double End)>();
        foreach (var piece in pieces)
        {
            if (turns.Count > 0 && EqualityComparer<T>.Default.Equals(turns[^1].Who, piece.Who) && piece.Start - turns[^1].End < gapSeconds)
                turns[^1] = turns[^1] with { End = piece.End };
            else turns.Add(piece);
        }
        return turns;
    }
}

namespace LessonReview.Media.Analysis;

public enum Speaker { Teacher, Student }

/// <summary>A stretch of speech by the teacher or by students, in seconds from the start.</summary>
public readonly record struct SpeakerSegment(double Start, double End, Speaker Speaker)
{
    public double Duration => End - Start;
}

/// <summary>
/// Tells the teacher's voice from the students' (a baseline, explained in README): speech is cut
/// into ~1 s windows, each described by the mean and spread of its frames' MFCCs (1–12) and its
/// median pitch (weighted ×3), standardised across the lesson; k-means (k = 2…MaxVoices, the k with the best silhouette; below MinVoiceSeparation, one voice) groups
/// windows into voices; a segment's windows are smoothed so a voice changes only after at least a
/// second; the voice with the most long turns is the teacher, and every other voice is "students".
/// Limits: two similar voices (or a voice near and far from the microphone) may be confused; a
/// lesson where students hold the longest turns names them the teacher; overlapping speech counts once.
/// </summary>
public sealed class Voices(TalkSettings settings)
{
    /// <summary>Values per frame in the features: the MFCCs, then the pitch (Hz, 0 when unvoiced).</summary>
    public const int FrameValues = Mfcc.Coefficients + 1;
    private const int WindowFrames = 32; // 1.024 s
    private const float PitchWeight = 3;
    private const int Dimensions = 2 * (Mfcc.Coefficients - 1) + 1;
    private const int MinRunWindows = 2;
    private const int SilhouetteSample = 1500;

    /// <summary>Who speaks in each speech segment; <paramref name="features"/> holds <see cref="Mfcc.Coefficients"/> values per frame.</summary>
    public List<SpeakerSegment> Label(IReadOnlyList<SpeechSegment> speech, IReadOnlyList<float> features)
    {
        var frame = SileroVad.FrameSeconds;
        var frameCount = features.Count / FrameValues;
        var windows = new List<(int Segment, int From, int To)>();
        for (var s = 0; s < speech.Count; s++)
        {
            var (from, to) = ((int)(speech[s].Start / frame), Math.Min(frameCount, (int)Math.Ceiling(speech[s].End / frame)));
            for (var start = from; start < to; start += WindowFrames)
            {
                var end = Math.Min(to, start + WindowFrames);
                if (end - start < WindowFrames / 2 && windows.Count > 0 && windows[^1].Segment == s) windows[^1] = windows[^1] with { To = end };
                else if (end > start) windows.Add((s, start, end));
            }
        }
        if (windows.Count == 0) return [];

        var points = windows.Select(w => Describe(features, w.From, w.To)).ToArray();
        Standardise(points);
        var labels = Cluster(points);
        var pieces = Smooth(speech, windows, labels);
        var teacher = TeacherVoice(pieces);
        return pieces.Select(p => new SpeakerSegment(p.Start, p.End, p.Voice == teacher ? Speaker.Teacher : Speaker.Student)).ToList();
    }

    private static float[] Describe(IReadOnlyList<float> features, int from, int to)
    {
        var point = new float[Dimensions];
        var n = to - from;
        for (var c = 1; c < Mfcc.Coefficients; c++)
        {
            double sum = 0, squares = 0;
            for (var f = from; f < to; f++)
            {
                var v = features[f * FrameValues + c];
                sum += v;
                squares += v * v;
            }
            var mean = sum / n;
            point[c - 1] = (float)mean;
            point[Mfcc.Coefficients - 1 + c - 1] = (float)Math.Sqrt(Math.Max(0, squares / n - mean * mean));
        }
        var pitches = Enumerable.Range(from, n).Select(f => features[f * FrameValues + Mfcc.Coefficients]).Where(p => p > 0).Order().ToList();
        point[^1] = pitches.Count == 0 ? float.NaN : MathF.Log2(pitches[pitches.Count / 2]); // NaN: filled with the lesson's mean
        return point;
    }

    private static void Standardise(float[][] points)
    {
        for (var d = 0; d < Dimensions; d++)
        {
            var known = points.Where(p => !float.IsNaN(p[d])).ToList();
            var mean = known.Count > 0 ? known.Average(p => p[d]) : 0;
            var spread = known.Count > 0 ? Math.Sqrt(known.Average(p => (p[d] - mean) * (p[d] - mean))) : 0;
            var weight = d == Dimensions - 1 ? PitchWeight : 1; // pitch tells adults from children best: it counts more
            foreach (var p in points) p[d] = spread > 1e-9 && !float.IsNaN(p[d]) ? (float)((p[d] - mean) / spread * weight) : 0f;
        }
    }

    /// <summary>k-means for each k; the labels of the k whose clusters are best separated (mean silhouette), or one voice.</summary>
    private int[] Cluster(float[][] points)
    {
        if (points.Length < 4) return new int[points.Length];
        int[]? best = null;
        var bestScore = double.NegativeInfinity;
        for (var k = 2; k <= Math.Min(settings.MaxVoices, points.Length / 2); k++)
        {
            var labels = KMeans(points, k);
            var score = Silhouette(points, labels, k);
            if (score > bestScore) (best, bestScore) = (labels, score);
        }
        // Voices no better separated than this are one voice heard differently (a teacher alone).
        return best is not null && bestScore >= settings.MinVoiceSeparation ? best : new int[points.Length];
    }

    private static int[] KMeans(float[][] points, int k)
    {
        var random = new Random(k); // deterministic: the same lesson always gives the same answer
        var centres = new List<float[]> { points[random.Next(points.Length)] };
        var nearest = new double[points.Length];
        while (centres.Count < k) // k-means++ seeding
        {
            for (var i = 0; i < points.Length; i++) nearest[i] = centres.Min(c => Distance(points[i], c));
            var pick = random.NextDouble() * nearest.Sum();
            var chosen = 0;
            for (var acc = 0.0; chosen < points.Length - 1 && (acc += nearest[chosen]) < pick; chosen++) { }
            centres.Add(points[chosen]);
        }
        var centre = centres.Select(c => (float[])c.Clone()).ToArray();
        var labels = new int[points.Length];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var moved = false;
            for (var i = 0; i < points.Length; i++)
            {
                var label = 0;
                for (var c = 1; c < k; c++) if (Distance(points[i], centre[c]) < Distance(points[i], centre[label])) label = c;
                moved |= label != labels[i];
                labels[i] = label;
            }
            if (!moved && iteration > 0) break;
            for (var c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, points.Length).Where(i => labels[i] == c).ToList();
                if (members.Count == 0) continue;
                for (var d = 0; d < Dimensions; d++) centre[c][d] = members.Average(i => points[i][d]);
            }
        }
        return labels;
    }

    private static double Silhouette(float[][] points, int[] labels, int k)
    {
        var step = Math.Max(1, points.Length / SilhouetteSample); // an even sample keeps long lessons quick
        var sample = Enumerable.Range(0, points.Length).Where(i => i % step == 0).ToArray();
        var total = 0.0;
        foreach (var i in sample)
        {
            var sums = new double[k];
            var counts = new int[k];
            foreach (var j in sample)
            {
                if (j == i) continue;
                sums[labels[j]] += Math.Sqrt(Distance(points[i], points[j]));
                counts[labels[j]]++;
            }
            var own = counts[labels[i]] > 0 ? sums[labels[i]] / counts[labels[i]] : 0;
            var other = Enumerable.Range(0, k).Where(c => c != labels[i] && counts[c] > 0).Select(c => sums[c] / counts[c]).DefaultIfEmpty(0).Min();
            total += Math.Max(own, other) > 0 ? (other - own) / Math.Max(own, other) : 0;
        }
        return total / sample.Length;
    }

    private static double Distance(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++) sum += (a[d] - b[d]) * (a[d] - b[d]);
        return sum;
    }

    /// <summary>Within each segment, a voice heard for less than a second joins its neighbours; each run of one voice becomes a piece.</summary>
    private static List<(double Start, double End, int Voice)> Smooth(IReadOnlyList<SpeechSegment> speech, List<(int Segment, int From, int To)> windows, int[] labels)
    {
        var frame = SileroVad.FrameSeconds;
        var pieces = new List<(double Start, double End, int Voice)>();
        for (var first = 0; first < windows.Count;)
        {
            var segment = windows[first].Segment;
            var last = first;
            while (last + 1 < windows.Count && windows[last + 1].Segment == segment) last++;
            var own = labels[first..(last + 1)];
            var majority = own.GroupBy(l => l).OrderByDescending(g => g.Count()).First().Key;
            // Short runs take the voice of the run before them (or the segment's majority at its start).
            var runs = new List<(int From, int To, int Voice)>();
            for (var i = 0; i < own.Length;)
            {
                var j = i;
                while (j + 1 < own.Length && own[j + 1] == own[i]) j++;
                var voice = j - i + 1 >= MinRunWindows || own.Length < MinRunWindows ? own[i] : runs.Count > 0 ? runs[^1].Voice : majority;
                if (runs.Count > 0 && runs[^1].Voice == voice) runs[^1] = runs[^1] with { To = j };
                else runs.Add((i, j, voice));
                i = j + 1;
            }
            foreach (var (from, to, voice) in runs)
            {
                var start = from == 0 ? speech[segment].Start : windows[first + from].From * frame;
                var end = to == own.Length - 1 ? speech[segment].End : windows[first + to].To * frame;
                pieces.Add((start, end, voice));
            }
            first = last + 1;
        }
        return pieces;
    }

    /// <summary>The voice with the most turns of at least LongTurnSeconds (ties: the most speech).</summary>
    private int TeacherVoice(List<(double Start, double End, int Voice)> pieces)
    {
        return Turns.Join(pieces.Select(p => (p.Voice, p.Start, p.End)), settings.TurnGapSeconds)
            .GroupBy(t => t.Who)
            .OrderByDescending(g => g.Count(t => t.End - t.Start >= settings.LongTurnSeconds))
            .ThenByDescending(g => g.Sum(t => t.End - t.Start))
            .First().Key;
    }
}

using System.Numerics.Tensors;

namespace LessonReview.Media.Analysis;

/// <summary>
/// The pitch of one frame by normalised autocorrelation: the lag between 2.5 ms (400 Hz) and
/// 14 ms (70 Hz) where the frame best matches itself. Adults' and children's voices differ most
/// here, so it is the strongest single cue for telling the teacher from the class.
/// </summary>
public static class Pitch
{
    private const int MinLag = SileroVad.SampleRate / 400;
    private const int MaxLag = SileroVad.SampleRate / 70;
    private const float Voiced = 0.5f;

    /// <summary>The pitch in Hz, or 0 when the frame is not clearly voiced.</summary>
    public static float Estimate(ReadOnlySpan<float> frame)
    {
        Span<float> r = stackalloc float[MaxLag + 2];
        var best = 0f;
        for (var lag = MinLag; lag <= MaxLag + 1; lag++)
        {
            var a = frame[..^lag];
            var b = frame[lag..];
            var energy = TensorPrimitives.Dot(a, a) * TensorPrimitives.Dot(b, b);
            r[lag] = energy <= 1e-12f ? 0 : TensorPrimitives.Dot(a, b) / MathF.Sqrt(energy);
            if (lag <= MaxLag) best = Math.Max(best, r[lag]);
        }
        if (best < Voiced) return 0;
        // A voice repeats at its period and at every multiple of it: the first peak nearly as high as the
        // best is the period (taking the highest would often halve a child's pitch).
        for (var lag = MinLag + 1; lag <= MaxLag; lag++)
            if (r[lag] >= 0.85f * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1])
                return (float)SileroVad.SampleRate / lag;
        return 0;
    }
}

using MathNet.Numerics.IntegralTransforms;
using System.Numerics;

namespace LessonReview.Media.Analysis;

/// <summary>
/// Mel-frequency cepstral coefficients of one 512-sample frame at 16 kHz: Hann window, power
/// spectrum (MathNet.Numerics FFT), 26 triangular mel bands from 60 Hz to 7.6 kHz, log, DCT-II.
/// They describe the shape of a voice's spectrum (vocal tract, microphone distance) rather than
/// what is said, which is what telling voices apart needs. Not thread-safe: one per stream.
/// </summary>
public sealed class Mfcc
{
    public const int Coefficients = 13;
    private const int Bands = 26;
    private const int Size = SileroVad.FrameSamples;

    private static readonly float[] Window = Enumerable.Range(0, Size).Select(i => (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (Size - 1)))).ToArray();
    private static readonly (int From, int Peak, int To)[] Triangles = MelTriangles();
    private static readonly double[,] Dct = DctMatrix();

    private readonly Complex[] _spectrum = new Complex[Size];
    private readonly double[] _power = new double[Size / 2 + 1];
    private readonly double[] _bands = new double[Bands];

    /// <summary>The coefficients of <paramref name="frame"/> (samples in −1…1) written into <paramref name="into"/>.</summary>
    public void Compute(ReadOnlySpan<float> frame, Span<float> into)
    {
        for (var i = 0; i < Size; i++) _spectrum[i] = new Complex(frame[i] * Window[i], 0);
        Fourier.Forward(_spectrum, FourierOptions.NoScaling);
        for (var k = 0; k < _power.Length; k++) _power[k] = _spectrum[k].Real * _spectrum[k].Real + _spectrum[k].Imaginary * _spectrum[k].Imaginary;
        for (var b = 0; b < Bands; b++)
        {
            var (from, peak, to) = Triangles[b];
            var sum = 0.0;
            for (var k = from; k < peak; k++) sum += _power[k] * (k - from) / (peak - from);
            for (var k = peak; k < to; k++) sum += _power[k] * (to - k) / (to - peak);
            _bands[b] = Math.Log(sum + 1e-10);
        }
        for (var c = 0; c < Coefficients; c++)
        {
            var sum = 0.0;
            for (var b = 0; b < Bands; b++) sum += Dct[c, b] * _bands[b];
            into[c] = (float)sum;
        }
    }

    private static (int, int, int)[] MelTriangles()
    {
        static double Mel(double hz) => 2595 * Math.Log10(1 + hz / 700);
        static double Hz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
        var (low, high) = (Mel(60), Mel(7600));
        var bins = Enumerable.Range(0, Bands + 2)
            .Select(i => (int)Math.Round(Hz(low + (high - low) * i / (Bands + 1)) * Size / SileroVad.SampleRate)).ToArray();
        // The lowest bands are narrower than one FFT bin apart: keep every triangle at least one bin wide.
        for (var i = 1; i < bins.Length; i++) bins[i] = Math.Max(bins[i], bins[i - 1] + 1);
        return Enumerable.Range(0, Bands).Select(b => (bins[b], bins[b + 1], bins[b + 2])).ToArray();
    }

    private static double[,] DctMatrix()
    {
        var matrix = new double[Coefficients, Bands];
        for (var c = 0; c < Coefficients; c++)
            for (var b = 0; b < Bands; b++)
                matrix[c, b] = Math.Cos(Math.PI * c * (b + 0.5) / Bands) * Math.Sqrt((c == 0 ? 1.0 : 2.0) / Bands);
        return matrix;
    }
}

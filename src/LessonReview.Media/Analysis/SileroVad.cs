using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LessonReview.Media.Analysis;

/// <summary>
/// Silero VAD v5 (MIT; the ONNX file from the npm package @ricky0123/vad-web) through ONNX Runtime:
/// the probability that each 32 ms frame of 16 kHz mono audio is speech. The model keeps a state
/// between frames and sees the last 64 samples of the previous frame, as the package's own wrapper
/// feeds it (models/silero.js). Not thread-safe: one instance per stream.
/// </summary>
public sealed class SileroVad : IDisposable
{
    public const int SampleRate = 16000;
    public const int FrameSamples = 512;
    private const int ContextSamples = 64;

    private readonly InferenceSession _session;
    private readonly float[] _input = new float[ContextSamples + FrameSamples];
    private float[] _state = new float[2 * 1 * 128];
    private readonly DenseTensor<long> _rate = new(new long[] { SampleRate }, [1]);

    /// <exception cref="VoiceActivityModelException">The model is missing or not a Silero VAD model.</exception>
    public SileroVad(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new VoiceActivityModelException($"The voice-activity model is missing ({modelPath}). Run scripts/setup.sh, which fetches it.");
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }; // a small model: one core is plenty, the encoder gets the rest
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new VoiceActivityModelException($"The voice-activity model ({modelPath}) could not be loaded: {e.Message}. Run scripts/setup.sh again.", e);
        }
    }

    /// <summary>Seconds of audio per frame.</summary>
    public static double FrameSeconds => (double)FrameSamples / SampleRate;

    /// <summary>The speech probability (0–1) of the next <see cref="FrameSamples"/> samples (−1…1).</summary>
    public float Next(ReadOnlySpan<float> frame)
    {
        if (frame.Length != FrameSamples) throw new ArgumentException($"A frame is {FrameSamples} samples.", nameof(frame));
        frame.CopyTo(_input.AsSpan(ContextSamples));
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>((float[])_input.Clone(), [1, _input.Length])),
            NamedOnnxValue.CreateFromTensor("state", new DenseTensor<float>(_state, [2, 1, 128])),
            NamedOnnxValue.CreateFromTensor("sr", _rate),
        };
        using var results = _session.Run(inputs);
        float probability = 0;
        foreach (var result in results)
        {
            if (result.Name == "output") probability = result.AsEnumerable<float>().First();
            else if (result.Name == "stateN") _state = result.AsEnumerable<float>().ToArray();
        }
        frame[^ContextSamples..].CopyTo(_input); // the next frame sees the end of this one
        return probability;
    }

    public void Dispose() => _session.Dispose();
}

/// <summary>The analysis cannot run: the model is missing or broken (the lesson itself is unaffected).</summary>
public sealed class VoiceActivityModelException(string message, Exception? inner = null) : Exception(message, inner);

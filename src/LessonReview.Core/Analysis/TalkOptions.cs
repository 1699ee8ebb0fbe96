using LessonReview.Media.Analysis;

namespace LessonReview.Core.Analysis;

/// <summary>Configuration section <c>Analysis:Talk</c>: the switch, the model, and the thresholds of <see cref="TalkSettings"/>.</summary>
public sealed class TalkOptions : TalkSettings
{
    public const string Section = "Analysis:Talk";

    /// <summary>Analyse each lesson's talk after it becomes playable.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Silero VAD v5 ONNX file; empty: models/silero_vad_v5.onnx beside the app (the build copies it there).</summary>
    public string ModelPath { get; set; } = "";

    public string EffectiveModelPath => string.IsNullOrWhiteSpace(ModelPath)
        ? Path.Combine(AppContext.BaseDirectory, "models", "silero_vad_v5.onnx")
        : ModelPath;
}

/// <summary>Stops start-up with the exact value that is out of range.</summary>
internal sealed class TalkOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<TalkOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, TalkOptions options) =>
        options.Problem() is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}

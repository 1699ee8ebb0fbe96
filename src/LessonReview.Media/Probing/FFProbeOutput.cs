using System.Text.Json;
using System.Text.Json.Serialization;

namespace LessonReview.Media.Probing;

// Raw shape of `ffprobe -print_format json -show_streams -show_format`; MediaAnalysis normalises it.
internal sealed record FFProbeOutput(
    [property: JsonPropertyName("streams")] List<FFProbeStream>? Streams,
    [property: JsonPropertyName("format")] FFProbeFormat? Format);

internal sealed record FFProbeFormat(
    [property: JsonPropertyName("format_name")] string? FormatName,
    [property: JsonPropertyName("duration")] string? Duration,
    [property: JsonPropertyName("bit_rate")] string? BitRate);

internal sealed record FFProbeStream(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("codec_type")] string? CodecType,
    [property: JsonPropertyName("codec_name")] string? CodecName,
    [property: JsonPropertyName("profile")] string? Profile,
    [property: JsonPropertyName("pix_fmt")] string? PixelFormat,
    [property: JsonPropertyName("width")] int? Width,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("r_frame_rate")] string? RFrameRate,
    [property: JsonPropertyName("avg_frame_rate")] string? AvgFrameRate,
    [property: JsonPropertyName("duration")] string? Duration,
    [property: JsonPropertyName("bit_rate")] string? BitRate,
    [property: JsonPropertyName("channels")] int? Channels,
    [property: JsonPropertyName("sample_rate")] string? SampleRate,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags,
    [property: JsonPropertyName("disposition")] Dictionary<string, int>? Disposition,
    [property: JsonPropertyName("side_data_list")] List<JsonElement>? SideData);

using System.Buffers.Binary;

namespace LessonReview.Media.Playback;

/// <summary>
/// Carries a recording's rotation into an fMP4 initialisation segment. Phones record portrait video
/// as a landscape picture with a display matrix telling players to turn it; ffmpeg 5.1's HLS muxer
/// drops that matrix when it copies the stream (the fast path), so the lesson would play sideways.
/// Writing the matrix into the video track's header (ISO/IEC 14496-12 §8.3.2, <c>tkhd</c>) is
/// enough: Chromium's MSE parser turns the picture by it (measured: videoWidth and videoHeight swap).
/// The encode path needs none of this: ffmpeg turns the pixels while it decodes.
/// </summary>
public static class DisplayRotation
{
    /// <summary>
    /// Sets the display matrix of every video track in the init segment at <paramref name="path"/>
    /// to a turn of <paramref name="clockwiseDegrees"/> (0, 90, 180 or 270), in place.
    /// </summary>
    /// <returns>How many video tracks were turned.</returns>
    public static int WriteTo(string path, int clockwiseDegrees)
    {
        var matrix = Matrix(clockwiseDegrees);
        var bytes = File.ReadAllBytes(path);
        var turned = 0;
        foreach (var trak in Children(bytes, Find(bytes, 0, bytes.Length, "moov") ?? throw Invalid(path), "trak"))
        {
            var tkhd = Children(bytes, trak, "tkhd").FirstOrDefault();
            var mdia = Children(bytes, trak, "mdia").FirstOrDefault();
            var hdlr = mdia.Length > 0 ? Children(bytes, mdia, "hdlr").FirstOrDefault() : default;
            // hdlr: version/flags (4), pre_defined (4), then handler_type.
            if (tkhd.Length == 0 || hdlr.Length < 12 || !bytes.AsSpan(hdlr.Start + 8, 4).SequenceEqual("vide"u8)) continue;
            var version = bytes[tkhd.Start];
            // version/flags, times, track_ID, reserved, duration; reserved[2]; layer, alternate_group, volume, reserved.
            var at = tkhd.Start + 4 + (version == 1 ? 32 : 20) + 8 + 8;
            if (at + 36 > tkhd.Start + tkhd.Length) throw Invalid(path);
            for (var i = 0; i < 9; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at + i * 4), matrix[i]);
            turned++;
        }
        File.WriteAllBytes(path, bytes);
        return turned;
    }

    /// <summary>The matrix ffmpeg writes for a clockwise turn (16.16 fixed point; w = 1.0 in 2.30), translation left at 0 as ffmpeg's own display matrices do.</summary>
    internal static int[] Matrix(int clockwiseDegrees)
    {
        const int One = 0x10000, W = 0x40000000;
        return (((clockwiseDegrees % 360) + 360) % 360) switch
        {
            0 => [One, 0, 0, 0, One, 0, 0, 0, W],
            90 => [0, One, 0, -One, 0, 0, 0, 0, W],
            180 => [-One, 0, 0, 0, -One, 0, 0, 0, W],
            270 => [0, -One, 0, One, 0, 0, 0, 0, W],
            _ => throw new ArgumentOutOfRangeException(nameof(clockwiseDegrees), clockwiseDegrees, "A display turn is a multiple of 90 degrees."),
        };
    }

    /// <summary>A box's payload: where it starts (after its header) and how long it is.</summary>
    private readonly record struct Payload(int Start, int Length);

    private static Payload? Find(byte[] bytes, int start, int end, string type) =>
        Boxes(bytes, start, end).Where(b => b.Type == type).Select(b => (Payload?)b.Payload).FirstOrDefault();

    private static IEnumerable<Payload> Children(byte[] bytes, Payload parent, string type) =>
        Boxes(bytes, parent.Start, parent.Start + parent.Length).Where(b => b.Type == type).Select(b => b.Payload);

    private static IEnumerable<(string Type, Payload Payload)> Boxes(byte[] bytes, int start, int end)
    {
        var at = start;
        while (at + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var header = 8;
            if (size == 1 && at + 16 <= end) { size = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(at + 8)); header = 16; }
            else if (size == 0) size = end - at;
            if (size < header || at + size > end) yield break;
            yield return (type, new Payload(at + header, (int)size - header));
            at += (int)size;
        }
    }

    private static MediaException Invalid(string path) => new($"The initialisation segment {Path.GetFileName(path)} has no movie header to turn.");
}

using System.Buffers.Binary;
using System.Buffers.Text;
using Campaigns.Grains.Persistence;

namespace Campaigns.Grains.Campaigns;

/// <summary>An opaque keyset position in a campaign's history: the last row's (startedAt, seq).</summary>
internal static class CallCursor
{
    public static string Write(StoredCall last)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, last.StartedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], last.Seq);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryRead(string? cursor, out DateTimeOffset? startedAt, out long seq)
    {
        startedAt = null;
        seq = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (cursor.Length != 22 || !Base64Url.IsValid(cursor)
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 16)
        {
            return false;
        }

        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(bytes);
        seq = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        if (milliseconds < -62135596800000 || milliseconds > 253402300799999 || seq < 0)
        {
            return false;
        }

        startedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }
}

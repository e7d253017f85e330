using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace MixedEffects.Data;

/// <summary>
/// Decodes the bytes of a data file: UTF-8 by default (a UTF-16 byte-order mark is honoured), stopping at
/// the first byte that is not valid UTF-8 with its line, column and field, rather than replacing it with
/// U+FFFD (which would merge labels that differ only in such bytes); or the encoding the caller names.
/// </summary>
internal static class CsvDecoding
{
    /// <summary>The file's text.</summary>
    /// <exception cref="DataFileException">No encoding was named and the bytes are not valid UTF-8.</exception>
    public static string Decode(byte[] bytes, string source, Encoding? encoding)
    {
        if (encoding is not null) return encoding.GetString(bytes);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        if (Ascii.IsValid(bytes)) return Encoding.ASCII.GetString(bytes);   // one copy instead of two
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done) return new string(chars, 0, written);
        throw InvalidByte(bytes, read, source);
    }

    private static DataFileException InvalidByte(byte[] bytes, int at, string source)
    {
        int lineStart = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(at - 1, 0)) + 1;
        if (at == 0) lineStart = 0;
        int line = 1 + bytes.AsSpan(0, lineStart).Count((byte)'\n');
        byte delimiter = HeaderDelimiter(bytes);
        int column = 1 + bytes.AsSpan(lineStart, at - lineStart).Count(delimiter);
        int fieldStart = bytes.AsSpan(lineStart, at - lineStart).LastIndexOf(delimiter) + 1 + lineStart;
        int fieldEnd = bytes.AsSpan(at).IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
        fieldEnd = fieldEnd < 0 ? bytes.Length : at + fieldEnd;
        string field = Encoding.Latin1.GetString(bytes, fieldStart, Math.Min(fieldEnd - fieldStart, 80)).Trim('"', ' ');
        return new DataFileException(
            $"'{source}' line {line}, column {column}: byte 0x{bytes[at]:X2} in '{field}' is not valid UTF-8; " +
            "name the file's encoding (e.g. --encoding latin1)");
    }

    private static byte HeaderDelimiter(byte[] bytes)
    {
        int end = bytes.AsSpan().IndexOf((byte)'\n');
        var header = end < 0 ? bytes.AsSpan() : bytes.AsSpan(0, end);
        if (header.Contains((byte)'\t') && !header.Contains((byte)',')) return (byte)'\t';
        return header.Contains((byte)';') && !header.Contains((byte)',') ? (byte)';' : (byte)',';
    }
}

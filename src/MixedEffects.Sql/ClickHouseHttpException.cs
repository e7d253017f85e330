using System.Data.Common;

namespace MixedEffects.Sql;

/// <summary>An error from a ClickHouse server's HTTP interface (or from reaching it), as one line without credentials.</summary>
public sealed class ClickHouseHttpException : DbException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public ClickHouseHttpException(string message) : base(message) { }

    /// <summary>
    /// The readable part of a server error body ("Code: 60, e.displayText() = DB::Exception: Table t doesn't exist.,
    /// e.what() = ..." becomes "Table t doesn't exist").
    /// </summary>
    public static ClickHouseHttpException FromServer(string body)
    {
        string line = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "the server gave an empty error";
        const string marker = "DB::Exception: ";
        int start = line.IndexOf(marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            line = line[(start + marker.Length)..];
            int end = line.IndexOf(", e.what()", StringComparison.Ordinal);
            if (end >= 0) line = line[..end];
            line = line.TrimEnd('.', ' ', ',');
        }
        return new ClickHouseHttpException(line);
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace MixedEffects.Sql;

/// <summary>
/// Rows of a TabSeparatedWithNamesAndTypes response, read one line at a time: numbers as double (floating point and
/// decimals) or long (integers), text as string, \N as DBNull; other types as their text.
/// </summary>
internal sealed class ClickHouseHttpDataReader : DbDataReader
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly string[] _names;
    private readonly string[] _types;
    private readonly Type[] _fieldTypes;
    private object[] _row = [];
    private bool _closed;

    public ClickHouseHttpDataReader(HttpResponseMessage response)
    {
        _response = response;
        _reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8);
        _names = (_reader.ReadLine() ?? "").Split('\t').Select(Unescape).ToArray();
        _types = (_reader.ReadLine() ?? "").Split('\t').Select(Unescape).ToArray();
        if (_names.Length != _types.Length) throw new ClickHouseHttpException("the server's answer is not TabSeparatedWithNamesAndTypes");
        _fieldTypes = _types.Select(FieldType).ToArray();
    }

    public override int FieldCount => _names.Length;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override bool Read()
    {
        string? line = _reader.ReadLine();
        if (line is null) return false;
        var fields = line.Split('\t');
        if (fields.Length != _names.Length)
        {
            // an error after the first rows is appended to the body as text
            if (line.StartsWith("Code: ", StringComparison.Ordinal)) throw ClickHouseHttpException.FromServer(line);
            throw new ClickHouseHttpException($"a row of the server's answer has {fields.Length} fields for {_names.Length} columns");
        }
        _row = fields.Select((f, i) => Parse(f, i)).ToArray();
        return true;
    }

    public override bool NextResult() => false;

    public override object GetValue(int ordinal) => _row[ordinal];

    public override int GetValues(object[] values)
    {
        int n = Math.Min(values.Length, _row.Length);
        Array.Copy(_row, values, n);
        return n;
    }

    public override bool IsDBNull(int ordinal) => _row[ordinal] is DBNull;

    public override double GetDouble(int ordinal) => Convert.ToDouble(_row[ordinal], CultureInfo.InvariantCulture);

    public override float GetFloat(int ordinal) => Convert.ToSingle(_row[ordinal], CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(_row[ordinal], CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(_row[ordinal], CultureInfo.InvariantCulture);

    public override short GetInt16(int ordinal) => Convert.ToInt16(_row[ordinal], CultureInfo.InvariantCulture);

    public override byte GetByte(int ordinal) => Convert.ToByte(_row[ordinal], CultureInfo.InvariantCulture);

    public override bool GetBoolean(int ordinal) => Convert.ToBoolean(_row[ordinal], CultureInfo.InvariantCulture);

    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(_row[ordinal], CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => Convert.ToString(_row[ordinal], CultureInfo.InvariantCulture) ?? "";

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override DateTime GetDateTime(int ordinal) => DateTime.Parse(GetString(ordinal), CultureInfo.InvariantCulture);

    public override Guid GetGuid(int ordinal) => Guid.Parse(GetString(ordinal));

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        throw new NotSupportedException("binary columns are not read");

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        throw new NotSupportedException("character streams are not read");

    public override string GetDataTypeName(int ordinal) => _types[ordinal];

    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicProperties)]
    public override Type GetFieldType(int ordinal)
    {
        // the known types written out, so that trimming can see them
        var type = _fieldTypes[ordinal];
        if (type == typeof(double)) return typeof(double);
        if (type == typeof(long)) return typeof(long);
        if (type == typeof(string)) return typeof(string);
        return typeof(object);
    }

    public override string GetName(int ordinal) => _names[ordinal];

    public override int GetOrdinal(string name) => Array.IndexOf(_names, name) is var i and >= 0
        ? i : throw new IndexOutOfRangeException($"no column '{name}'");

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public override void Close()
    {
        if (_closed) return;
        _closed = true;
        _reader.Dispose();
        _response.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }

    private object Parse(string field, int ordinal)
    {
        if (field == "\\N") return DBNull.Value;
        var type = _fieldTypes[ordinal];
        if (type == typeof(double)) return ParseDouble(field);
        if (type == typeof(long))
            return long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) ? l : ParseDouble(field);
        return Unescape(field);
    }

    private static double ParseDouble(string field) => field switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" or "-nan" => double.NaN,
        _ => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>The .NET type of a ClickHouse type (Nullable and LowCardinality unwrapped).</summary>
    private static Type FieldType(string type)
    {
        foreach (var wrapper in new[] { "Nullable(", "LowCardinality(" })
            if (type.StartsWith(wrapper, StringComparison.Ordinal) && type.EndsWith(')'))
                return FieldType(type[wrapper.Length..^1]);
        if (type is "Float32" or "Float64" || type.StartsWith("Decimal", StringComparison.Ordinal)) return typeof(double);
        if (type.StartsWith("Int", StringComparison.Ordinal) || type.StartsWith("UInt", StringComparison.Ordinal)) return typeof(long);
        if (type == "String" || type.StartsWith("FixedString(", StringComparison.Ordinal) || type.StartsWith("Enum", StringComparison.Ordinal))
            return typeof(string);
        return typeof(object);
    }

    /// <summary>A field without the tab-separated format's backslash escapes.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal)) return field.TrimEnd('\0');
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            char c = field[i];
            if (c != '\\' || i + 1 == field.Length) { text.Append(c); continue; }
            char e = field[++i];
            text.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', '0' => '\0', _ => e });
        }
        return text.ToString().TrimEnd('\0');
    }
}

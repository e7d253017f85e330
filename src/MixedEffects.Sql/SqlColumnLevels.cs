using System.Data.Common;
using System.Globalization;

namespace MixedEffects.Sql;

/// <summary>
/// The distinct values of one grouping column as they stream back from a query, each given a small integer id in the
/// order first seen (text read as text, any number as a double, as <see cref="GroupKey"/> orders them).
/// </summary>
internal sealed class SqlColumnLevels
{
    private readonly Dictionary<string, int> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<double, int> _numbers = [];
    private readonly List<GroupKey> _keys = [];
    private Func<DbDataReader, int, double>? _number;
    private bool? _isText;

    /// <summary>The value with id <paramref name="id"/>.</summary>
    public GroupKey this[int id] => _keys[id];

    /// <summary>The id of the value in column <paramref name="ordinal"/> of the current row (a new id when first seen).</summary>
    public int Intern(DbDataReader reader, int ordinal)
    {
        _isText ??= reader.GetFieldType(ordinal) == typeof(string);
        if (_isText.Value)
        {
            string text = reader.GetString(ordinal);
            if (_text.TryGetValue(text, out int known)) return known;
            _text[text] = _keys.Count;
            _keys.Add(new GroupKey(text, 0));
        }
        else
        {
            _number ??= NumberReader(reader.GetFieldType(ordinal));
            double number = _number(reader, ordinal);
            if (_numbers.TryGetValue(number, out int known)) return known;
            _numbers[number] = _keys.Count;
            _keys.Add(new GroupKey(null, number));
        }
        return _keys.Count - 1;
    }

    /// <summary>Reads a numeric column of the given type as a double without boxing the common types.</summary>
    private static Func<DbDataReader, int, double> NumberReader(Type type) =>
        type == typeof(long) ? (r, i) => r.GetInt64(i)
        : type == typeof(int) ? (r, i) => r.GetInt32(i)
        : type == typeof(double) ? (r, i) => r.GetDouble(i)
        : (r, i) => Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

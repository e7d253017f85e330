using System.Globalization;

namespace MixedEffects.Data;

/// <summary>A column of doubles; missing values are stored as NaN.</summary>
public sealed class NumericColumn : DataColumn
{
    private readonly double[] _values;

    /// <summary>Creates a numeric column; the array is copied.</summary>
    public NumericColumn(string name, IEnumerable<double> values) : base(name) => _values = values.ToArray();

    /// <summary>The values (NaN where missing).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The value of one row (NaN where missing).</summary>
    public double this[int row] => _values[row];

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    /// <inheritdoc />
    public override string? FormatValue(int row) =>
        IsMissing(row) ? null : _values[row].ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows) => new NumericColumn(Name, rows.Select(r => _values[r]));
}

using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Design;

namespace MixedEffects.Variance;

/// <summary>Reads a variance function's columns on the rows of a model frame.</summary>
internal static class VarianceVariables
{
    /// <summary>A stratifying column as level codes and levels (text: C-locale order; numeric: numeric order).</summary>
    public static (int[] Codes, string[] Levels) Factor(ModelFrame frame, VarianceFunction function, string column)
    {
        var data = Column(frame, function, column);
        var rows = frame.Rows;
        if (data is NumericColumn numeric)
        {
            var values = rows.Select(r => numeric[r]).ToArray();
            var (codes, distinct) = Distinct(values);
            return (codes, distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray());
        }
        var text = (TextColumn)data;
        var levels = rows.Select(r => text[r]!).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToArray();
        var index = levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return (rows.Select(r => index[text[r]!]).ToArray(), levels);
    }

    /// <summary>The interaction of factors: observed combinations ordered by the first factor's level, then the next; labels joined by '*' as nlme.</summary>
    public static (int[] Codes, IReadOnlyList<string> Levels) Interaction(IReadOnlyList<(int[] Codes, string[] Levels)> factors)
    {
        if (factors.Count == 1) return (factors[0].Codes, factors[0].Levels);
        int n = factors[0].Codes.Length;
        var keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            long key = 0;
            foreach (var f in factors) key = key * f.Levels.Length + f.Codes[i];
            keys[i] = key;
        }
        var distinct = keys.Distinct().OrderBy(k => k).ToArray();
        var index = distinct.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
        var labels = distinct.Select(k =>
        {
            var parts = new string[factors.Count];
            for (int j = factors.Count - 1; j >= 0; j--)
            {
                int levels = factors[j].Levels.Length;
                parts[j] = factors[j].Levels[(int)(k % levels)];
                k /= levels;
            }
            return string.Join("*", parts);
        }).ToArray();
        return (keys.Select(k => index[k]).ToArray(), labels);
    }

    /// <summary>A numeric covariate on the frame's rows.</summary>
    public static double[] Covariate(ModelFrame frame, VarianceFunction function, string column)
    {
        if (Column(frame, function, column) is not NumericColumn numeric)
            throw new ModelSpecificationException($"{function}: covariate '{column}' is not numeric");
        return frame.Rows.Select(r => numeric[r]).ToArray();
    }

    /// <summary>Codes of the distinct values (sorted) and the values.</summary>
    public static (int[] Codes, double[] Values) Distinct(double[] x)
    {
        var values = x.Distinct().OrderBy(v => v).ToArray();
        var index = new Dictionary<double, int>();
        for (int i = 0; i < values.Length; i++) index[values[i]] = i;
        return (x.Select(v => index[v]).ToArray(), values);
    }

    private static DataColumn Column(ModelFrame frame, VarianceFunction function, string column)
    {
        if (!frame.Data.HasColumn(column))
            throw new UnknownColumnException(column,
                $"{function}: column '{column}' not found (columns: {string.Join(", ", frame.Data.ColumnNames)})");
        var data = frame.Data[column];
        foreach (int r in frame.Rows)
            if (data.IsMissing(r))
                throw new ModelSpecificationException($"{function}: '{column}' is missing in row {r + 1}; remove the row or fill in the value");
        return data;
    }
}

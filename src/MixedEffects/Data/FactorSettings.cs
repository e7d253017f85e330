using MixedEffects.Formulas;

namespace MixedEffects.Data;

/// <summary>
/// R's factor settings on a dataset column: <c>relevel(f, ref)</c>, <c>factor(f, levels = ...)</c> and
/// <c>contrasts(f) &lt;- ...</c>. Each returns a new dataset; a numeric column becomes a factor whose levels are its
/// distinct values in numeric order, written as R writes them.
/// </summary>
public static class FactorSettings
{
    /// <summary>The column as a factor with <paramref name="reference"/> as its first level (R's <c>relevel</c>).</summary>
    /// <exception cref="ModelSpecificationException">The level does not occur.</exception>
    public static Dataset Relevel(this Dataset data, string column, string reference)
    {
        ArgumentNullException.ThrowIfNull(data);
        var factor = AsFactor(data, column);
        var levels = factor.Levels();
        if (!levels.Contains(reference, StringComparer.Ordinal))
            throw new ModelSpecificationException(
                $"'{reference}' is not a level of '{column}' (levels: {string.Join(", ", levels)})");
        var ordered = levels.Where(l => l != reference).Prepend(reference).ToArray();
        return data.WithColumn(new TextColumn(column, Values(factor), ordered, factor.Contrasts));
    }

    /// <summary>The column as a factor with the given level order (R's <c>factor(f, levels = ...)</c>; every value must be a level).</summary>
    public static Dataset WithLevels(this Dataset data, string column, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(data);
        var factor = AsFactor(data, column);
        return data.WithColumn(new TextColumn(column, Values(factor), levels, factor.Contrasts));
    }

    /// <summary>The column as a factor coded by <paramref name="contrasts"/> in every model (R's <c>contrasts(f) &lt;- ...</c>).</summary>
    public static Dataset WithContrasts(this Dataset data, string column, FactorContrasts contrasts)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(contrasts);
        var factor = AsFactor(data, column);
        return data.WithColumn(new TextColumn(column, Values(factor), factor.Levels(), contrasts));
    }

    /// <summary>The column as a factor: a text column as it is, a numeric column with its values as levels in numeric order.</summary>
    public static TextColumn AsFactor(this Dataset data, string column)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (data[column])
        {
            case TextColumn text:
                return text;
            case NumericColumn numeric:
                var values = numeric.Values.ToArray();
                var levels = values.Where(v => !double.IsNaN(v)).Distinct().Order().Select(RNumberFormat.Format).ToArray();
                return new TextColumn(column, values.Select(v => double.IsNaN(v) ? null : RNumberFormat.Format(v)), levels);
            default:
                throw new ModelSpecificationException($"column '{column}' cannot be used as a factor");
        }
    }

    private static IEnumerable<string?> Values(TextColumn column) => Enumerable.Range(0, column.Length).Select(r => column[r]);
}

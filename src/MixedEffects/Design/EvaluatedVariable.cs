using MixedEffects.Data;

namespace MixedEffects.Design;

/// <summary>A model variable evaluated on every row of a data frame: numeric values or factor codes.</summary>
/// <param name="Name">The variable's R label, e.g. <c>Days</c> or <c>factor(Product)</c>.</param>
public abstract record EvaluatedVariable(string Name)
{
    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>True when the row's value is missing.</summary>
    public abstract bool IsMissing(int row);
}

/// <summary>A numeric variable; NaN marks a missing value.</summary>
public sealed record NumericValues(string Name, double[] Values) : EvaluatedVariable(Name)
{
    /// <inheritdoc />
    public override int Length => Values.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => double.IsNaN(Values[row]);
}

/// <summary>A categorical variable: its levels in R's order and each row's 0-based level code (-1 when missing).</summary>
public sealed record FactorValues(string Name, IReadOnlyList<string> Levels, int[] Codes) : EvaluatedVariable(Name)
{
    /// <summary>The factor's own contrast coding (<c>relevel</c> keeps it, <c>ordered()</c> sets <c>contr.poly</c>); null for the model's.</summary>
    public FactorContrasts? Contrasts { get; init; }

    /// <inheritdoc />
    public override int Length => Codes.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => Codes[row] < 0;
}

/// <summary>
/// A variable with several numeric columns, such as <c>poly(x, 2)</c>: model-matrix columns are named by the variable's
/// label followed by each suffix (<c>poly(x, 2)1</c>, <c>poly(x, 2)2</c>). NaN marks a missing value.
/// </summary>
public sealed record MatrixValues(string Name, IReadOnlyList<double[]> Columns, IReadOnlyList<string> Suffixes) : EvaluatedVariable(Name)
{
    /// <inheritdoc />
    public override int Length => Columns[0].Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => Columns.Any(c => double.IsNaN(c[row]));
}

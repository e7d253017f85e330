namespace MixedEffects.Data;

/// <summary>One named column of a <see cref="Dataset"/>: numeric or text. Immutable.</summary>
public abstract class DataColumn
{
    /// <summary>Creates a column with a name.</summary>
    protected DataColumn(string name) => Name = name;

    /// <summary>The column's name as in the header.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>True when the value in <paramref name="row"/> is missing (empty or NA).</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The value of a row as text (numbers in invariant round-trip form); null when missing.</summary>
    public abstract string? FormatValue(int row);

    /// <summary>A new column of the same kind holding only the given rows, in that order.</summary>
    public abstract DataColumn Select(IReadOnlyList<int> rows);
}

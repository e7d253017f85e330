namespace MixedEffects.Data;

/// <summary>A node of a <see cref="RowFilter"/>: tests one row, giving TRUE, FALSE or NA (null).</summary>
internal abstract record RowCondition
{
    public abstract bool? Test(Dataset data, int row);
}

/// <summary>A value in a condition: a column, or a number, string or logical literal.</summary>
internal abstract record RowOperand
{
    /// <summary>The value on a row: a double, a string, or null when missing.</summary>
    public abstract object? Value(Dataset data, int row);
}

internal sealed record ColumnOperand(string Name) : RowOperand
{
    public override object? Value(Dataset data, int row) => data[Name] switch
    {
        NumericColumn n => double.IsNaN(n[row]) ? null : n[row],
        var c => c.FormatValue(row),
    };
}

internal sealed record LiteralOperand(object? Literal) : RowOperand
{
    public override object? Value(Dataset data, int row) => Literal;
}

internal sealed record Comparison(RowOperand Left, string Operator, RowOperand Right) : RowCondition
{
    public override bool? Test(Dataset data, int row)
    {
        var a = Left.Value(data, row);
        var b = Right.Value(data, row);
        if (a is null || b is null) return null;
        int order = (a, b) switch
        {
            (double x, double y) => x.CompareTo(y),
            (double x, string y) => Text(x, y),
            (string x, double y) => -Text(y, x),
            _ => string.CompareOrdinal(a.ToString(), b.ToString()),
        };
        return Operator switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    // a number against text: numerically when the text is a number, else as R's character comparison
    private static int Text(double number, string text) =>
        RowFilter.TryNumber(text, out double parsed) ? number.CompareTo(parsed) : string.CompareOrdinal(RowFilter.FormatNumber(number), text);
}

internal sealed record Membership(RowOperand Operand, IReadOnlyList<RowOperand> Set) : RowCondition
{
    public override bool? Test(Dataset data, int row)
    {
        if (Operand.Value(data, row) is null) return false;
        return Set.Any(s => new Comparison(Operand, "==", s).Test(data, row) == true);
    }
}

internal sealed record Missing(RowOperand Operand) : RowCondition
{
    public override bool? Test(Dataset data, int row) => Operand.Value(data, row) is null;
}

internal sealed record Truth(RowOperand Operand) : RowCondition
{
    public override bool? Test(Dataset data, int row) => Operand.Value(data, row) switch
    {
        null => null,
        double d => d != 0,
        string s => s switch
        {
            "TRUE" or "true" or "T" => true,
            "FALSE" or "false" or "F" => false,
            _ => throw new ModelSpecificationException($"'{s}' is not TRUE or FALSE in the subset condition"),
        },
        _ => null,
    };
}

internal sealed record Not(RowCondition Inner) : RowCondition
{
    public override bool? Test(Dataset data, int row) => !Inner.Test(data, row);
}

internal sealed record Logical(RowCondition Left, bool IsAnd, RowCondition Right) : RowCondition
{
    public override bool? Test(Dataset data, int row)
    {
        var a = Left.Test(data, row);
        var b = Right.Test(data, row);
        if (IsAnd) return a == false || b == false ? false : a is null || b is null ? null : true;
        return a == true || b == true ? true : a is null || b is null ? null : false;
    }
}

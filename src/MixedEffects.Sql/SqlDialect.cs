using System.Globalization;

namespace MixedEffects.Sql;

/// <summary>
/// How one SQL engine spells what the generated aggregation queries need: quoted names, text and number literals,
/// double-precision casts and the few numeric functions the formula language has.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>A quoted identifier.</summary>
    public virtual string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A text literal.</summary>
    public virtual string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double-precision literal (exact: printed with round-trip precision).</summary>
    public virtual string Number(double value) =>
        $"CAST({value.ToString("R", CultureInfo.InvariantCulture)} AS DOUBLE PRECISION)";

    /// <summary>An expression cast to double precision.</summary>
    public virtual string ToDouble(string expression) => $"CAST({expression} AS DOUBLE PRECISION)";

    /// <summary>The natural logarithm.</summary>
    public virtual string NaturalLog(string expression) => $"LN({expression})";

    /// <summary>A power a^b.</summary>
    public virtual string Power(string a, string b) => $"POWER({a}, {b})";

    /// <summary>True when the engine has GROUP BY GROUPING SETS and GROUPING(...); otherwise one GROUP BY per set, UNION ALL.</summary>
    public virtual bool GroupingSets => true;

    /// <summary>A one-argument function the formula language knows (exp, sqrt, abs, log10), by its SQL name.</summary>
    public virtual string Function(string name, string expression) => $"{name.ToUpperInvariant()}({expression})";
}

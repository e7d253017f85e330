using System.Data.Common;
using MixedEffects.Formulas;

namespace MixedEffects.Sql;

/// <summary>
/// Translates the formula's variables into SQL over one source: numeric expressions (columns, arithmetic, log, exp,
/// sqrt, abs, I()) and factors (text columns, factor() of a column) with their levels read from the engine.
/// </summary>
internal sealed class SqlVariableResolver
{
    private readonly SqlSource _source;
    private readonly DbConnection _connection;
    private readonly Dictionary<string, SqlColumnKind> _columns;
    private readonly Dictionary<string, SqlVariable> _resolved = new(StringComparer.Ordinal);

    public SqlVariableResolver(SqlSource source, DbConnection connection)
    {
        _source = source;
        _connection = connection;
        _columns = source.Columns(connection).ToDictionary(c => c.Name, c => KindOf(c.Type), StringComparer.Ordinal);
    }

    private SqlDialect Dialect => _source.Dialect;

    /// <summary>The quoted column, after checking that the source has it.</summary>
    public string Column(string name, string usedIn)
    {
        if (!_columns.ContainsKey(name))
            throw new UnknownColumnException(name, $"{_source.Description}: no column '{name}' (used in '{usedIn}'); columns: {string.Join(", ", _columns.Keys)}");
        return Dialect.Identifier(name);
    }

    /// <summary>The kind of a column the source has.</summary>
    public SqlColumnKind KindOf(string name) => _columns[name];

    /// <summary>The variable as a numeric expression or a factor (cached).</summary>
    public SqlVariable Resolve(ModelVariable variable)
    {
        if (_resolved.TryGetValue(variable.Name, out var known)) return known;
        SqlVariable result = variable.Expression switch
        {
            VariableExpression v when IsText(v.Name, variable.Name) => Factor(variable.Name, v.Name, text: true),
            CallExpression { Function: "factor" or "as.factor" or "ordered", Arguments: [VariableExpression v] } =>
                Factor(variable.Name, v.Name, text: IsText(v.Name, variable.Name)),
            CallExpression { Function: "factor" or "as.factor" or "ordered" } =>
                throw new SqlSourceException($"'{variable.Name}': a SQL source takes factor() of a column only"),
            _ => new SqlNumericVariable(variable.Name, Numeric(variable.Expression, variable.Name)),
        };
        _resolved[variable.Name] = result;
        return result;
    }

    /// <summary>A grouping variable: its quoted column (a column, or factor() of one).</summary>
    public string GroupingColumn(ModelVariable variable) => variable.Expression switch
    {
        VariableExpression v => Column(v.Name, variable.Name),
        CallExpression { Function: "factor" or "as.factor" or "ordered", Arguments: [VariableExpression v] } => Column(v.Name, variable.Name),
        _ => throw new SqlSourceException($"grouping factor '{variable.Name}': a SQL source groups by columns only"),
    };

    /// <summary>A numeric SQL expression for <paramref name="expression"/>; text columns are rejected.</summary>
    public string Numeric(FormulaExpression expression, string whole) => expression switch
    {
        VariableExpression v => IsText(v.Name, whole)
            ? throw new SqlSourceException($"{_source.Description}: column '{v.Name}' is text; '{whole}' needs numbers")
            : Dialect.ToDouble(Column(v.Name, whole)),
        NumberExpression n => Dialect.Number(n.Value),
        ParenthesizedExpression p => $"({Numeric(p.Inner, whole)})",
        UnaryExpression u => u.Operator == "-" ? $"(-{Numeric(u.Operand, whole)})" : Numeric(u.Operand, whole),
        BinaryExpression { Operator: "^" } b => Dialect.Power(Numeric(b.Left, whole), Numeric(b.Right, whole)),
        BinaryExpression { Operator: "+" or "-" or "*" or "/" } b => $"({Numeric(b.Left, whole)} {b.Operator} {Numeric(b.Right, whole)})",
        CallExpression c => Call(c, whole),
        _ => throw new SqlSourceException($"'{whole}': '{expression.ToRString()}' cannot be computed in SQL"),
    };

    private string Call(CallExpression call, string whole)
    {
        string Arg(int i) => Numeric(call.Arguments[i], whole);
        return (call.Function, call.Arguments.Count) switch
        {
            ("I" or "offset", 1) => Arg(0),
            ("log", 1) => Dialect.NaturalLog(Arg(0)),
            ("log", 2) => $"({Dialect.NaturalLog(Arg(0))} / {Dialect.NaturalLog(Arg(1))})",
            ("log2", 1) => $"({Dialect.NaturalLog(Arg(0))} / {Dialect.NaturalLog(Dialect.Number(2))})",
            ("log1p", 1) => Dialect.NaturalLog($"({Dialect.Number(1)} + {Arg(0)})"),
            ("log10" or "exp" or "sqrt" or "abs", 1) => Dialect.Function(call.Function, Arg(0)),
            _ => throw new SqlSourceException($"'{whole}': '{call.ToRString()}' cannot be computed in SQL (known: log, log2, log10, log1p, exp, sqrt, abs, I)"),
        };
    }

    private bool IsText(string column, string usedIn)
    {
        Column(column, usedIn);
        return _columns[column] switch
        {
            SqlColumnKind.Text => true,
            SqlColumnKind.Numeric => false,
            _ => throw new SqlSourceException($"{_source.Description}: column '{column}' has a type the formula cannot use (used in '{usedIn}')"),
        };
    }

    private SqlFactorVariable Factor(string name, string column, bool text)
    {
        string quoted = Dialect.Identifier(column);
        var keys = new List<GroupKey>();
        _source.Query(_connection, $"SELECT DISTINCT {quoted} FROM {_source.Relation} AS source_rows WHERE {quoted} IS NOT NULL",
            r => keys.Add(GroupKey.From(r.GetValue(0))));
        keys.Sort();
        var literals = keys.Select(k => text ? Dialect.Text(k.Text!) : Dialect.Number(k.Number)).ToArray();
        return new SqlFactorVariable(name, text ? quoted : Dialect.ToDouble(quoted), keys.Select(k => k.Label).ToArray(), literals);
    }

    private static SqlColumnKind KindOf(Type type) =>
        type == typeof(string) ? SqlColumnKind.Text
        : type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(long) || type == typeof(int)
          || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint)
          || type == typeof(ulong) || type == typeof(bool) || type == typeof(System.Numerics.BigInteger) ? SqlColumnKind.Numeric
        : SqlColumnKind.Other;
}

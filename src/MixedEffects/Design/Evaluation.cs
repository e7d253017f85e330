using MixedEffects.Data;
using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>Evaluates the nodes of one model variable's expression on a data frame.</summary>
internal sealed partial class Evaluation
{
    private readonly Dataset _frame;
    private readonly FormulaExpression _whole;
    private readonly Dataset _training;

    /// <summary>Creates an evaluation; <paramref name="whole"/> names the variable in error messages.</summary>
    /// <param name="frame">The rows to evaluate on.</param>
    /// <param name="whole">The whole variable.</param>
    /// <param name="training">The data that fixes data-dependent transformations (<c>scale</c>, <c>poly</c>); null for <paramref name="frame"/>.</param>
    public Evaluation(Dataset frame, FormulaExpression whole, Dataset? training = null)
    {
        _frame = frame;
        _whole = whole;
        _training = training ?? frame;
    }

    /// <summary>Evaluates a node to numeric values or a factor; logical values are numbers 0 and 1 (see <see cref="LogicalValues"/>).</summary>
    public EvaluatedVariable Evaluate(FormulaExpression expression)
    {
        FormulaErrors.EnsureStack(expression);
        return expression switch
        {
            VariableExpression v => Column(v.Name),
            NumberExpression n => new NumericValues(n.ToRString(), Enumerable.Repeat(n.Value, _frame.RowCount).ToArray()),
            ParenthesizedExpression p => Evaluate(p.Inner),
            UnaryExpression { Operator: "!" } not => Map(not, Numeric(not.Operand, "!"), x => x == 0 ? 1 : 0),
            UnaryExpression u => Map(u, Numeric(u.Operand, u.Operator), x => u.Operator == "-" ? -x : x),
            BinaryExpression b => Arithmetic(b),
            CallExpression c => Call(c),
            _ => throw Error($"cannot evaluate '{expression.ToRString()}'"),
        };
    }

    private EvaluatedVariable Column(string name) => _frame[name] switch
    {
        NumericColumn numeric => new NumericValues(name, numeric.Values.ToArray()),
        TextColumn text => TextFactor(name, text),
        var other => throw Error($"column '{other.Name}' has an unsupported type"),
    };

    private static FactorValues TextFactor(string name, TextColumn column)
    {
        var levels = column.Levels();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < levels.Count; i++) index[levels[i]] = i;
        var codes = new int[column.Length];
        string? previous = null;
        int code = -1;
        for (int row = 0; row < codes.Length; row++)
        {
            var v = column[row];
            // a run of one value (long data sorted by subject) is looked up once
            if (!ReferenceEquals(v, previous))
            {
                code = v is null ? -1 : index[v];
                previous = v;
            }
            codes[row] = code;
        }
        return new FactorValues(name, levels, codes) { Contrasts = column.Contrasts };
    }

    private EvaluatedVariable Call(CallExpression call)
    {
        string f = call.Function;
        if (TryFactorCall(call) is { } factorCall) return factorCall;
        if (TryTransform(call) is { } transformed) return transformed;
        if (f is "I" or "offset") return Evaluate(Argument(call, 0, 1));
        if (f == "cbind") throw Error("cbind(...) is only allowed as the response of a binomial model");
        if (f == "log" && call.Arguments.Count == 2)
        {
            var x = Numeric(call.Arguments[0], "log");
            var b = Numeric(call.Arguments[1], "log");
            return new NumericValues(call.ToRString(), x.Values.Select((v, i) => Math.Log(v) / Math.Log(b.Values[i])).ToArray());
        }
        Func<double, double> function = f switch
        {
            "log" => Math.Log,
            "log2" => Math.Log2,
            "log10" => Math.Log10,
            "log1p" => LogOnePlus,
            "exp" => Math.Exp,
            "sqrt" => Math.Sqrt,
            "abs" => Math.Abs,
            _ => throw Error($"unknown function '{f}' in '{call.ToRString()}' " +
                             "(known: factor, as.factor, ordered, relevel, C, scale, center, poly, log, log2, log10, log1p, exp, sqrt, abs, I, offset)"),
        };
        return Map(call, Numeric(Argument(call, 0, 1), f), function);
    }

    private EvaluatedVariable Arithmetic(BinaryExpression b)
    {
        Func<double, double, double> op = b.Operator switch
        {
            "+" => (x, y) => x + y,
            "-" => (x, y) => x - y,
            "*" => (x, y) => x * y,
            "/" => (x, y) => x / y,
            "^" => Math.Pow,
            "<" => (x, y) => x < y ? 1 : 0,
            ">" => (x, y) => x > y ? 1 : 0,
            "<=" => (x, y) => x <= y ? 1 : 0,
            ">=" => (x, y) => x >= y ? 1 : 0,
            "==" => (x, y) => x == y ? 1 : 0,
            "!=" => (x, y) => x != y ? 1 : 0,
            "&" => (x, y) => x != 0 && y != 0 ? 1 : 0,
            "|" => (x, y) => x != 0 || y != 0 ? 1 : 0,
            _ => throw Error($"operator '{b.Operator}' cannot be evaluated in '{b.ToRString()}'"),
        };
        var left = Numeric(b.Left, b.Operator).Values;
        var right = Numeric(b.Right, b.Operator).Values;
        var result = new double[left.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = double.IsNaN(left[i]) || double.IsNaN(right[i]) ? double.NaN : op(left[i], right[i]);
        return new NumericValues(b.ToRString(), result);
    }

    // log(1 + x) accurate for small x: the rounding of 1 + x is corrected by x / (u - 1).
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static NumericValues Map(FormulaExpression node, NumericValues x, Func<double, double> f) =>
        new(node.ToRString(), x.Values.Select(v => double.IsNaN(v) ? double.NaN : f(v)).ToArray());

    private NumericValues Numeric(FormulaExpression operand, string operation) => Evaluate(operand) switch
    {
        NumericValues n => n,
        var other => throw (operand is VariableExpression v && NonNumericCell.Describe(_frame, v.Name) is { } cell
            ? Error($"{cell}, so '{v.Name}' is text and '{operation}' cannot be applied to it")
            : Error($"cannot apply '{operation}' to categorical variable '{other.Name}'")),
    };

    private FormulaExpression Argument(CallExpression call, int index, int count)
    {
        if (call.Arguments.Count != count)
            throw Error($"'{call.Function}' takes {count} argument(s) but '{call.ToRString()}' has {call.Arguments.Count}");
        return call.Arguments[index];
    }

    private ModelSpecificationException Error(string message) =>
        new($"in model variable '{_whole.ToRString()}': {message}");
}

using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// Factor calls (<c>factor(x, levels = ...)</c>, <c>ordered</c>, <c>relevel</c>, <c>C</c>) and data-dependent
/// transformations (<c>scale</c>, <c>center</c>, <c>poly</c>) whose constants come from the training data, as R's
/// <c>makepredictcall</c> keeps them for new data and emmeans' reference grids.
/// </summary>
internal sealed partial class Evaluation
{
    private EvaluatedVariable? TryFactorCall(CallExpression call)
    {
        switch (call.Function)
        {
            case "factor" or "as.factor" or "ordered":
            {
                var (positional, named) = SplitArguments(call, "levels", "ordered");
                if (positional.Count != 1) throw Error($"'{call.Function}' takes one variable but '{call.ToRString()}' has {positional.Count}");
                var inner = Evaluate(positional[0]);
                var factor = inner is NumericValues logical && LogicalValues.IsLogical(positional[0])
                    ? LogicalValues.ToFactor(logical, call.ToRString())
                    : AsFactor(inner, call.ToRString());
                if (named.TryGetValue("levels", out var levels)) factor = WithLevels(factor, LevelList(levels));
                bool ordered = call.Function == "ordered" || (named.TryGetValue("ordered", out var o) && IsTrue(o));
                return ordered ? factor with { Contrasts = FactorContrasts.Poly } : factor;
            }
            case "relevel":
            {
                var (positional, named) = SplitArguments(call, "ref");
                var reference = named.TryGetValue("ref", out var r) ? r : positional.Count == 2 ? positional[1] : null;
                if (reference is null || positional.Count < 1)
                    throw Error($"relevel() needs a factor and a reference level, as relevel(f, \"level\"), not '{call.ToRString()}'");
                var factor = AsFactor(Evaluate(positional[0]), call.ToRString());
                string level = LevelList(reference).Single();
                if (!factor.Levels.Contains(level))
                    throw Error($"'{level}' is not a level of '{positional[0].ToRString()}' (levels: {string.Join(", ", factor.Levels)})");
                return WithLevels(factor, factor.Levels.Where(l => l != level).Prepend(level).ToArray());
            }
            case "C":
            {
                if (call.Arguments.Count != 2) throw Error($"C() takes a factor and a coding, as C(f, sum), not '{call.ToRString()}'");
                var factor = AsFactor(Evaluate(call.Arguments[0]), call.ToRString());
                return factor with { Contrasts = FactorContrasts.Parse(call.Arguments[1].ToRString()) };
            }
            default:
                return null;
        }
    }

    private EvaluatedVariable? TryTransform(CallExpression call)
    {
        switch (call.Function)
        {
            case "scale" or "center":
            {
                var (positional, named) = SplitArguments(call, "center", "scale");
                if (positional.Count != 1) throw Error($"'{call.Function}' takes one variable, as {call.Function}(x)");
                bool center = !named.TryGetValue("center", out var c) || IsTrue(c);
                bool scale = call.Function == "scale" && (!named.TryGetValue("scale", out var s) || IsTrue(s));
                var training = TrainingValues(positional[0], call.Function);
                double mean = center ? training.Average() : 0;
                double sd = scale ? Math.Sqrt(training.Sum(v => (v - mean) * (v - mean)) / (training.Length - 1)) : 1;
                return Map(call, Numeric(positional[0], call.Function), v => (v - mean) / sd);
            }
            case "poly":
            {
                var (positional, named) = SplitArguments(call, "degree", "raw");
                var degreeArgument = named.TryGetValue("degree", out var d) ? d : positional.Count == 2 ? positional[1] : null;
                if (positional.Count is < 1 or > 2) throw Error("poly() takes one variable and a degree, as poly(x, 2)");
                int degree = degreeArgument is NumberExpression { Value: >= 1 } n && n.Value == Math.Floor(n.Value) ? (int)n.Value
                    : degreeArgument is null ? 1 : throw Error($"the degree in '{call.ToRString()}' must be a whole number of at least 1");
                bool raw = named.TryGetValue("raw", out var r) && IsTrue(r);
                var x = Numeric(positional[0], "poly").Values;
                var suffixes = Enumerable.Range(1, degree).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
                double[][] columns = raw
                    ? Enumerable.Range(1, degree).Select(p => x.Select(v => Math.Pow(v, p)).ToArray()).ToArray()
                    : OrthogonalPolynomials.Basis(TrainingValues(positional[0], "poly"), degree).Evaluate(x);
                return new MatrixValues(call.ToRString(), columns, suffixes);
            }
            default:
                return null;
        }
    }

    private double[] TrainingValues(FormulaExpression argument, string function)
    {
        var values = new Evaluation(_training, _whole).Numeric(argument, function).Values.Where(v => !double.IsNaN(v)).ToArray();
        if (values.Length < 2) throw Error($"'{function}' needs at least two non-missing values of '{argument.ToRString()}'");
        return values;
    }

    private FactorValues AsFactor(EvaluatedVariable inner, string name)
    {
        switch (inner)
        {
            case FactorValues factor:
                return factor with { Name = name };
            case NumericValues numeric:
                var values = numeric.Values;
                var levels = values.Where(v => !double.IsNaN(v)).Distinct().Order().ToArray();
                var index = new Dictionary<double, int>();
                for (int i = 0; i < levels.Length; i++) index[levels[i]] = i;
                var codes = values.Select(v => double.IsNaN(v) ? -1 : index[v]).ToArray();
                return new FactorValues(name, levels.Select(RNumberFormat.Format).ToArray(), codes);
            default:
                throw Error($"'{inner.Name}' cannot be made a factor");
        }
    }

    /// <summary>The factor with a new level order; values not among the levels become missing, as in R.</summary>
    private static FactorValues WithLevels(FactorValues factor, IReadOnlyList<string> levels)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < levels.Count; i++) index.TryAdd(levels[i], i);
        var codes = factor.Codes.Select(c => c >= 0 && index.TryGetValue(factor.Levels[c], out int k) ? k : -1).ToArray();
        return factor with { Levels = levels.ToArray(), Codes = codes };
    }

    private IReadOnlyList<string> LevelList(FormulaExpression expression) => expression switch
    {
        StringExpression s => [s.Value],
        NumberExpression n => [RNumberFormat.Format(n.Value)],
        UnaryExpression { Operator: "-", Operand: NumberExpression n } => [RNumberFormat.Format(-n.Value)],
        CallExpression { Function: "c" } c => c.Arguments.SelectMany(LevelList).ToArray(),
        _ => throw Error($"'{expression.ToRString()}' is not a level or a list of levels such as c(\"a\", \"b\")"),
    };

    private bool IsTrue(FormulaExpression expression) => expression switch
    {
        VariableExpression { Name: "TRUE" or "T" } => true,
        VariableExpression { Name: "FALSE" or "F" } => false,
        _ => throw Error($"'{expression.ToRString()}' must be TRUE or FALSE"),
    };

    private (List<FormulaExpression> Positional, Dictionary<string, FormulaExpression> Named) SplitArguments(
        CallExpression call, params string[] allowed)
    {
        var positional = new List<FormulaExpression>();
        var named = new Dictionary<string, FormulaExpression>(StringComparer.Ordinal);
        foreach (var argument in call.Arguments)
        {
            if (argument is NamedArgumentExpression a)
            {
                if (!allowed.Contains(a.Name))
                    throw Error($"'{call.Function}' has no argument '{a.Name}' (known: {string.Join(", ", allowed)})");
                named[a.Name] = a.Value;
            }
            else
            {
                positional.Add(argument);
            }
        }
        return (positional, named);
    }
}

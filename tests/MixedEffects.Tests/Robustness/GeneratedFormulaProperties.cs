using System.Text;
using CsCheck;
using MixedEffects.Models;
using MixedEffects.Tests.Design;
using Xunit;

namespace MixedEffects.Tests.Robustness;

/// <summary>
/// Properties over generated formulas on the small data set of modelmatrix.json (y, x, z numeric; f, g factors):
/// fitting never throws anything but a <see cref="MixedEffectsException"/> and never overflows the stack (every
/// fit runs on a thread with a 1 MB stack); fitted models have R's <c>model.matrix</c> coefficient names.
/// </summary>
public class GeneratedFormulaProperties
{
    private static readonly string[] Atoms =
    [
        "x", "z", "f", "g", "x", "f", "y", "qq", "0", "1", "2", "1e400", "-1", "I(x > 5)", "log(z)", "exp(x * 100)",
        "log(x - x)", "factor(x)", "I(x^2)", "offset(z)", "I(!(x < 3) & z >= 2)", "`x`", "sqrt(-z)", "cbind(x, z)",
    ];

    private static readonly string[] Operators = [" + ", " + ", " - ", " * ", " / ", ":", " %in% ", "^", " | ", " || "];

    private static readonly string[] Garbage = ["(", ")", "~", "$", ",", "+", "^", "| g", "%%", "\"", "()", "I(", "((", "1e999"];

    private static readonly (string Open, string Close)[] Wrappers = [("(", ")"), ("-", ""), ("log(", ")"), ("!", ""), ("I(", " + x)")];

    /// <summary>Builds a formula from a list of choices (so that CsCheck can shrink a failing one).</summary>
    internal static string Formula(int[] choices)
    {
        int next = 0;
        int Pick(int count) => choices.Length == 0 ? 0 : choices[next++ % choices.Length] % count;
        string Expression(int depth)
        {
            int kind = depth == 0 ? 0 : Pick(8);
            return kind switch
            {
                0 or 1 or 2 => Atoms[Pick(Atoms.Length)],
                3 or 4 => Expression(depth - 1) + Operators[Pick(Operators.Length)] + Expression(depth - 1),
                5 => "-" + Expression(depth - 1),
                6 => "(" + Expression(depth - 1) + ")",
                _ => "(" + Expression(depth - 1) + " | " + (Pick(2) == 0 ? "g" : "f") + ")",
            };
        }
        var expression = Expression(Pick(5));
        if (Pick(8) == 0)
        {
            var (open, close) = Wrappers[Pick(Wrappers.Length)];
            int depth = Pick(5000);
            expression = string.Concat(Enumerable.Repeat(open, depth)) + expression + string.Concat(Enumerable.Repeat(close, depth));
        }
        var text = new StringBuilder("y ~ ").Append(expression);
        if (Pick(2) == 0) text.Append(" + (1 | g)");
        if (Pick(6) == 0) text.Insert(Math.Min(text.Length, 4 + Pick(Math.Max(text.Length - 3, 1))), Garbage[Pick(Garbage.Length)]);
        return text.ToString();
    }

    private static void FitOrUserError(string formula)
    {
        var thrown = FormulaLimitsTests.OnSmallStack(() => LinearMixedModel.Fit(formula, ModelMatrixGolden.Data));
        if (thrown is not null and not MixedEffectsException)
            throw new Xunit.Sdk.XunitException($"'{formula}' threw {thrown.GetType().Name}: {thrown.Message}");
    }

    [Fact]
    public void GeneratedFormulasFitOrStopWithAUserError() =>
        Gen.Int[0, 1000].Array[1, 40].Sample(choices => FitOrUserError(Formula(choices)), iter: 400, threads: 1,
            print: choices => Formula(choices));

    [Fact]
    public void TheOperatorsOfTheIssueNeverEscapeAsOtherExceptions()
    {
        foreach (var formula in new[]
        {
            "y ~ x - qq + (1 | g)", "y ~ x^1e400 + (1 | g)", "y ~ y + x + (1 | g)", "y ~ x + 1|g", "y ~ I(x > 5) + (1 | g)",
            "y ~ exp(x * 100) + (1 | g)", "y ~ log(x - x) + (1 | g)", "y ~ f * g * x * z + (1 | g)", "y ~ x | g | f",
        })
            FitOrUserError(formula);
    }

    [Fact]
    public void FittedModelsHaveTheCoefficientNamesOfRModelMatrix()
    {
        var cases = ModelMatrixGolden.Cases().ToArray();
        int fitted = 0;
        Gen.Int[0, cases.Length - 1].Sample(index =>
        {
            var (formula, columns) = cases[index];
            LinearMixedModelFit? fit = null;
            var thrown = FormulaLimitsTests.OnSmallStack(() => fit = LinearMixedModel.Fit(formula + " + (1 | g)", ModelMatrixGolden.Data));
            if (thrown is not null and not MixedEffectsException) throw thrown;
            if (fit is null) return;
            Interlocked.Increment(ref fitted);
            Assert.Equal(columns.Where(c => !fit.DroppedColumns.Contains(c)), fit.FixedEffectNames);
            Assert.All(fit.DroppedColumns, c => Assert.Contains(c, columns));
        }, iter: 300, threads: 1);
        Assert.True(fitted > 150, $"only {fitted} of 300 sampled golden formulas could be fitted");
    }
}

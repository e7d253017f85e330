using System.Diagnostics;
using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Robustness;

/// <summary>
/// Formulas that used to overflow the stack (killing the process) or never return: deep nesting stops with a
/// formula error, huge powers follow R. Each runs on a thread with a small stack, so an overflow would show here.
/// </summary>
public class FormulaLimitsTests
{
    private const int SmallStack = 1024 * 1024;

    /// <summary>Runs <paramref name="action"/> on a thread with a 1 MB stack (an eighth of the main thread's) and returns what it threw.</summary>
    internal static Exception? OnSmallStack(Action action)
    {
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { thrown = e; }
        }, SmallStack);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "did not return within a minute");
        return thrown;
    }

    [Theory]
    [InlineData(20000, "(", ")")]
    [InlineData(30000, "-", "")]
    [InlineData(5000, "log(", ")")]
    [InlineData(5000, "!", "")]
    public void DeepNestingStopsWithAFormulaError(int depth, string open, string close)
    {
        var formula = "y ~ " + string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth)) + " + (1 | g)";
        var error = Assert.IsType<FormulaSyntaxException>(OnSmallStack(() => ModelSpecification.FromFormula(formula)));
        Assert.Contains("nested more than 100 deep (R stops with 'contextstack overflow')", error.Message);
    }

    [Fact]
    public void NestingWithinTheLimitIsParsed()
    {
        var formula = "y ~ " + new string('(', 90) + "x" + new string(')', 90) + " + (1 | g)";
        Assert.Null(OnSmallStack(() => Assert.Equal("x", ModelSpecification.FromFormula(formula).Fixed.Terms[0].Label)));
    }

    [Fact]
    public void ALongChainOfOperatorsNeverOverflows()
    {
        var formula = "y ~ " + string.Join(" + ", Enumerable.Repeat("x", 30000)) + " + I(" + string.Join(" + ", Enumerable.Repeat("x", 30000)) + ")";
        var thrown = OnSmallStack(() => ModelSpecification.FromFormula(formula).AllColumns());
        Assert.True(thrown is null or FormulaSyntaxException, thrown?.ToString());
    }

    [Theory]
    [InlineData("y ~ x^1e400 + (1 | g)")]
    [InlineData("y ~ (a + b)^2.5")]
    [InlineData("y ~ (a + b)^0")]
    [InlineData("y ~ (a + b)^-1")]
    public void InvalidPowersStopAsInR(string formula)
    {
        var error = Assert.Throws<FormulaSyntaxException>(() => ModelSpecification.FromFormula(formula));
        Assert.Contains("invalid power in formula", error.Message);
    }

    [Fact]
    public void APowerBeyondTheNumberOfVariablesEqualsThatNumber()
    {
        var watch = Stopwatch.StartNew();
        var huge = ModelSpecification.FromFormula("y ~ (a + b + c)^2000000000 + x^1e9");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        var three = ModelSpecification.FromFormula("y ~ (a + b + c)^3 + x");
        Assert.Equal(three.Fixed.Terms.Select(t => t.Label), huge.Fixed.Terms.Select(t => t.Label));
    }

    [Fact]
    public void AnInteractionOfTooManyTermsStops()
    {
        var formula = "y ~ " + string.Join(" * ", Enumerable.Range(1, 30).Select(i => "x" + i));
        var error = Assert.Throws<FormulaSyntaxException>(() => ModelSpecification.FromFormula(formula));
        Assert.Contains("expands to more than 4096 terms", error.Message);
    }

    [Fact]
    public void AFitOfADeepFormulaStopsCleanly()
    {
        var formula = "Reaction ~ " + new string('-', 30000) + "Days + (1 | Subject)";
        Assert.IsType<FormulaSyntaxException>(OnSmallStack(() => LinearMixedModel.Fit(formula, Datasets.Load("sleepstudy"))));
    }
}

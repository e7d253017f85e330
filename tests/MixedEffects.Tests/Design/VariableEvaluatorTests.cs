using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using Xunit;

namespace MixedEffects.Tests.Design;

/// <summary>
/// Variable evaluation on small frames. Factor levels are R 4.2.2's (<c>levels(factor(...))</c>, C-locale sort,
/// <c>levels(droplevels(a:b))</c>); transformed values are exact arithmetic (powers of 2, log 1 = 0, sqrt 4 = 2).
/// </summary>
public class VariableEvaluatorTests
{
    private static readonly Dataset Frame = new(
    [
        new NumericColumn("x", [1, 4, double.NaN, 0.5, 16]),
        new NumericColumn("n", [3, 0.5, 10, 2, 0.5]),
        new TextColumn("f", ["b", "B", null, "a", "_x"]),
        new TextColumn("my col", ["u", "u", "v", "v", "u"]),
    ], "test");

    private static EvaluatedVariable Eval(string term) =>
        VariableEvaluator.Evaluate(ModelSpecification.FromFormula("y ~ " + term).Fixed.Terms[0].Variables[0], Frame);

    private static double[] Numbers(string term) => Assert.IsType<NumericValues>(Eval(term)).Values;

    [Fact]
    public void NumericColumnStaysNumericWithNaNForMissing()
    {
        var values = Assert.IsType<NumericValues>(Eval("x"));
        Assert.Equal("x", values.Name);
        Assert.Equal([1, 4, double.NaN, 0.5, 16], values.Values);
        Assert.True(values.IsMissing(2));
    }

    [Fact]
    public void TextColumnIsFactorWithOrdinalLevels()
    {
        // R in the C locale: levels(factor(c("b", "B", NA, "a", "_x"))) is "B" "_x" "a" "b".
        var factor = Assert.IsType<FactorValues>(Eval("f"));
        Assert.Equal(["B", "_x", "a", "b"], factor.Levels);
        Assert.Equal([3, 0, -1, 2, 1], factor.Codes);
        Assert.Equal(factor.Levels, Assert.IsType<FactorValues>(Eval("factor(f)")).Levels);
    }

    [Fact]
    public void FactorOfNumericSortsNumerically()
    {
        // R: levels(factor(c(3, 0.5, 10, 2, 0.5))) is "0.5" "2" "3" "10".
        var factor = Assert.IsType<FactorValues>(Eval("factor(n)"));
        Assert.Equal("factor(n)", factor.Name);
        Assert.Equal(["0.5", "2", "3", "10"], factor.Levels);
        Assert.Equal([2, 0, 3, 1, 0], factor.Codes);
        Assert.Equal("as.factor(x)", Eval("as.factor(x)").Name);
    }

    [Fact]
    public void FactorOfNumericMarksMissing()
    {
        var factor = Assert.IsType<FactorValues>(Eval("factor(x)"));
        Assert.Equal(["0.5", "1", "4", "16"], factor.Levels);
        Assert.Equal([1, 2, -1, 0, 3], factor.Codes);
    }

    [Fact]
    public void Transformations()
    {
        Assert.Equal([1, 16, double.NaN, 0.25, 256], Numbers("I(x^2)"));
        Assert.Equal([-9, -6, double.NaN, -9.5, 6], Numbers("I(x - 10)"));
        Assert.Equal([0, 2, double.NaN, -1, 4], Numbers("log2(x)"));
        Assert.Equal([0, 2, double.NaN, -1, 4], Numbers("log(x, 2)"));
        Assert.Equal([1, 2, double.NaN, Math.Sqrt(0.5), 4], Numbers("sqrt(x)"));
        Assert.Equal([-1, -4, double.NaN, -0.5, -16], Numbers("I(-x)"));
        Assert.Equal([1, 1, double.NaN, 1, 1], Numbers("abs(I(-x/x))"));
        Assert.Equal([0, 2 * Math.Log(2), double.NaN, -Math.Log(2), 4 * Math.Log(2)], Numbers("log(x)"));
        Assert.Equal([1, 4, double.NaN, 0.5, 16], Numbers("exp(log(x))"), new ToleranceComparer(1e-14));
        Assert.Equal([3, 2.5, double.NaN, 2, 5.5], Numbers("I(x*n/2 + 1.5)"));
    }

    [Fact]
    public void BacktickedColumn()
    {
        var factor = Assert.IsType<FactorValues>(Eval("`my col`"));
        Assert.Equal("`my col`", factor.Name);
        Assert.Equal(["u", "v"], factor.Levels);
    }

    [Fact]
    public void UnknownFunctionIsNamed()
    {
        var error = Assert.Throws<ModelSpecificationException>(() => Eval("foo(x)"));
        Assert.Contains("unknown function 'foo'", error.Message);
    }

    [Fact]
    public void ArithmeticOnFactorFails()
    {
        var error = Assert.Throws<ModelSpecificationException>(() => Eval("I(f - 1)"));
        Assert.Contains("categorical variable 'f'", error.Message);
        Assert.Throws<ModelSpecificationException>(() => Eval("log(f)"));
    }

    [Fact]
    public void UnknownColumnUsesTheFrameError()
    {
        var error = Assert.Throws<UnknownColumnException>(() => Eval("log(zz)"));
        Assert.Equal("zz", error.Column);
    }

    [Fact]
    public void InteractionKeepsObservedCombinationsInFactorOrder()
    {
        // R: a <- factor(c(10, 2, 2, 10)); b <- factor(c("z", "x", "y", "x")); levels(droplevels(a:b))
        // is "2:x" "2:y" "10:x" "10:z" (first factor varies slowest, numeric level order, not text order).
        var a = new FactorValues("a", ["2", "10"], [1, 0, 0, 1, -1]);
        var b = new FactorValues("b", ["x", "y", "z"], [2, 0, 1, 0, 0]);
        var ab = VariableEvaluator.Interaction([a, b]);
        Assert.Equal("a:b", ab.Name);
        Assert.Equal(["2:x", "2:y", "10:x", "10:z"], ab.Levels);
        Assert.Equal([3, 0, 1, 2, -1], ab.Codes);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => (double.IsNaN(x) && double.IsNaN(y)) || Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(y));

        public int GetHashCode(double obj) => 0;
    }
}

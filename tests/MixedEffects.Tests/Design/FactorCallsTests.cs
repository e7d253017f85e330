using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using Xunit;

namespace MixedEffects.Tests.Design;

/// <summary>
/// Factor calls and data-dependent transformations in formulas. Level orders and codes are R 4.2.2's
/// (<c>relevel</c>, <c>factor(x, levels = )</c>); contr.poly(3) is (-1, 0, 1)/sqrt(2) and (1, -2, 1)/sqrt(6) exactly;
/// scale() of 1..5 is (x - 3)/sqrt(2.5).
/// </summary>
public class FactorCallsTests
{
    private static readonly Dataset Frame = new(
    [
        new NumericColumn("x", [1, 2, 3, 4, 5]),
        new TextColumn("f", ["b", "a", "c", "a", "b"]),
    ], "test");

    private static EvaluatedVariable Eval(string term, Dataset? data = null) =>
        VariableEvaluator.Evaluate(ModelSpecification.FromFormula("y ~ " + term).Fixed.Terms[0].Variables[0], data ?? Frame);

    [Fact]
    public void RelevelMovesTheReferenceFirst()
    {
        var f = Assert.IsType<FactorValues>(Eval("relevel(f, \"c\")"));
        Assert.Equal(["c", "a", "b"], f.Levels);
        Assert.Equal([2, 1, 0, 1, 2], f.Codes);
        Assert.Equal("relevel(f, \"c\")", f.Name);
        Assert.Equal(["c", "a", "b"], Assert.IsType<FactorValues>(Eval("relevel(f, ref = 'c')")).Levels);
    }

    [Fact]
    public void FactorLevelsDeclareTheOrderAndDropOthers()
    {
        var f = Assert.IsType<FactorValues>(Eval("factor(f, levels = c(\"b\", \"a\"))"));
        Assert.Equal(["b", "a"], f.Levels);
        Assert.Equal([0, 1, -1, 1, 0], f.Codes);
        var n = Assert.IsType<FactorValues>(Eval("factor(x, levels = c(5, 1, 2, 3, 4))"));
        Assert.Equal(["5", "1", "2", "3", "4"], n.Levels);
    }

    [Fact]
    public void OrderedFactorsUsePolynomialContrasts()
    {
        var f = Assert.IsType<FactorValues>(Eval("ordered(f)"));
        Assert.Same(FactorContrasts.Poly, f.Contrasts);
        var m = FactorContrasts.Poly.Matrix(f.Levels);
        Assert.Equal(-1 / Math.Sqrt(2), m[0, 0], 14);
        Assert.Equal(0, m[1, 0], 14);
        Assert.Equal(-2 / Math.Sqrt(6), m[1, 1], 14);
        Assert.Equal([".L", ".Q"], FactorContrasts.Poly.ColumnSuffixes(f.Levels));
    }

    [Fact]
    public void ScaleAndCenterUseTheTrainingDataForNewRows()
    {
        var scaled = Assert.IsType<NumericValues>(Eval("scale(x)"));
        Assert.Equal(-2 / Math.Sqrt(2.5), scaled.Values[0], 14);
        var grid = new Dataset([new NumericColumn("x", [3, 8])], "grid");
        var expression = ModelSpecification.FromFormula("y ~ scale(x, scale = FALSE)").Fixed.Terms[0].Variables[0].Expression;
        Assert.Equal([0, 5], Assert.IsType<NumericValues>(VariableEvaluator.Evaluate(expression, grid, Frame)).Values);
    }

    [Fact]
    public void PolyIsOrthonormalOverTheData()
    {
        var poly = Assert.IsType<MatrixValues>(Eval("poly(x, 2)"));
        Assert.Equal(["1", "2"], poly.Suffixes);
        // R: poly(1:5, 2) columns are (-2..2)/sqrt(10) and (2, -1, -2, -1, 2)/sqrt(14).
        Assert.Equal(-2 / Math.Sqrt(10), poly.Columns[0][0], 14);
        Assert.Equal(-2 / Math.Sqrt(14), poly.Columns[1][2], 14);
    }

    [Theory]
    [InlineData("relevel(f, \"z\")", "'z' is not a level of 'f'")]
    [InlineData("relevel(f)", "relevel() needs a factor and a reference level")]
    [InlineData("poly(x, 5)", "must be less than the number of distinct values (5)")]
    [InlineData("scale(x, centre = TRUE)", "'scale' has no argument 'centre'")]
    [InlineData("scale(x, scale = maybe)", "'maybe' must be TRUE or FALSE")]
    [InlineData("C(f, nonsense)", "unknown contrast coding 'nonsense'")]
    public void BadCallsNameTheProblem(string term, string message)
    {
        var error = Assert.ThrowsAny<MixedEffectsException>(() => Eval(term));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetFactorSettingsValidateLevels()
    {
        var error = Assert.Throws<ModelSpecificationException>(() => Frame.Relevel("f", "q"));
        Assert.Contains("'q' is not a level of 'f' (levels: a, b, c)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["3", "1", "2", "4", "5"], Frame.Relevel("x", "3").AsFactor("x").Levels());
        Assert.Throws<ModelSpecificationException>(() => Frame.WithLevels("f", ["a", "b"]));
    }

    [Fact]
    public void CustomContrastsAreCompletedAsR()
    {
        // R: contrasts(f) <- cbind(lin = c(-1, 0, 1)) completes the matrix with the unit vector orthogonal to the
        // intercept and to lin, (1, -2, 1) / sqrt(6)
        var m = FactorContrasts.Custom(new double[,] { { -1 }, { 0 }, { 1 } }, ["lin"]).Matrix(["a", "b", "c"]);
        Assert.Equal(1 / Math.Sqrt(6), m[0, 1], 6);
        Assert.Equal(-2 / Math.Sqrt(6), m[1, 1], 6);
        Assert.Equal(1 / Math.Sqrt(6), m[2, 1], 6);
    }
}

using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Robustness;

/// <summary>
/// Inputs that used to give a silently wrong answer or a message naming nothing: each now fits what R fits
/// or stops with one line naming the problem. Expected fits are computed independently, by fitting the
/// equivalent model on data prepared here (rows removed, a column computed, the formula R reads).
/// </summary>
public class BadInputTests
{
    private static readonly Dataset Sleep = Datasets.Load("sleepstudy");

    private static Dataset WithColumn(Dataset data, string name, Func<int, double> value) =>
        data.WithColumn(new NumericColumn(name, Enumerable.Range(0, data.RowCount).Select(value)));

    private static double Days(int row) => ((NumericColumn)Sleep["Days"])[row];

    private static void AssertSameFit(LinearMixedModelFit expected, LinearMixedModelFit actual)
    {
        Assert.Equal(expected.FixedEffectNames, actual.FixedEffectNames);
        Assert.Equal(expected.ObservationCount, actual.ObservationCount);
        for (int j = 0; j < expected.Beta.Length; j++) Assert.Equal(expected.Beta[j], actual.Beta[j], 1e-9);
        Assert.Equal(expected.Criterion, actual.Criterion, 1e-9);
        Assert.Equal(expected.Sigma, actual.Sigma, 1e-9);
    }

    [Fact]
    public void RemovingATermOfAnUnknownColumnStopsAsR()
    {
        var error = Assert.Throws<UnknownColumnException>(() => LinearMixedModel.Fit("Reaction ~ Days - qq + (1 | Subject)", Sleep));
        Assert.StartsWith("sleepstudy: no column 'qq'", error.Message);
    }

    [Fact]
    public void RemovingATermThatIsAbsentButWhoseColumnExistsIsAccepted()
    {
        var data = WithColumn(Sleep, "z", Days);
        AssertSameFit(LinearMixedModel.Fit("Reaction ~ Days + (1 | Subject)", data),
            LinearMixedModel.Fit("Reaction ~ Days - z + (1 | Subject)", data));
    }

    [Fact]
    public void ZeroWeightRowsAreDroppedFromTheFitAndReported()
    {
        var zeroRows = new HashSet<int> { 3, 40, 41, 100, 177 };
        var weighted = WithColumn(Sleep, "w", row => zeroRows.Contains(row) ? 0 : 1 + row % 3);
        var kept = Enumerable.Range(0, Sleep.RowCount).Where(r => !zeroRows.Contains(r)).ToArray();
        var expected = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", weighted.SelectRows(kept),
            new LinearMixedModelOptions { WeightsColumn = "w" });
        var actual = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", weighted,
            new LinearMixedModelOptions { WeightsColumn = "w" });
        AssertSameFit(expected, actual);
        Assert.Equal(175, actual.ObservationCount);
        Assert.Contains("5 rows with zero weight dropped", actual.Warnings);
    }

    [Fact]
    public void ASaturatedFixedEffectsDesignStopsWithOneLine()
    {
        var rows = Enumerable.Range(0, 6).Select(i => i * 10).ToArray();
        var small = Sleep.SelectRows(rows).WithColumn(new TextColumn("cell", rows.Select(r => "c" + r)));
        var error = Assert.Throws<ModelSpecificationException>(() => LinearMixedModel.Fit("Reaction ~ cell + (1 | Subject)", small));
        Assert.Equal("the fixed effects have 6 coefficients for 6 observations: no residual degrees of freedom " +
                     "(a saturated design); remove fixed-effect terms", error.Message);
        Assert.Throws<ModelSpecificationException>(() => LinearMixedModel.Fit("Reaction ~ cell + (1 | Subject)", small,
            new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood }));
    }

    [Theory]
    [InlineData("Reaction ~ x + (1 | Subject)", "model variable 'x' is Inf at row 5")]
    [InlineData("Reaction ~ exp(Days * 100) + (1 | Subject)", "model variable 'exp(Days * 100)' is Inf at row 9")]
    [InlineData("Reaction ~ log(Days - Days) + (1 | Subject)", "model variable 'log(Days - Days)' is -Inf at row 1")]
    [InlineData("Reaction ~ Days + (x | Subject)", "model variable 'x' is Inf at row 5")]
    public void InfiniteValuesNameTheVariableRowAndValue(string formula, string fragment)
    {
        var data = WithColumn(Sleep, "x", row => row == 4 ? double.PositiveInfinity : row);
        var error = Assert.Throws<ModelSpecificationException>(() => LinearMixedModel.Fit(formula, data));
        Assert.Equal($"sleepstudy: {fragment}; infinite values cannot be fitted", error.Message);
    }

    [Fact]
    public void TheResponseOnTheRightHandSideIsDroppedWithAWarningAsLme4Does()
    {
        var fit = LinearMixedModel.Fit("Reaction ~ Reaction + Days + (1 | Subject)", Sleep);
        AssertSameFit(LinearMixedModel.Fit("Reaction ~ Days + (1 | Subject)", Sleep), fit);
        Assert.Contains("the response appeared on the right-hand side and was dropped", fit.Warnings);
    }

    [Fact]
    public void ABarWithoutParenthesesIsReadAsR()
    {
        AssertSameFit(LinearMixedModel.Fit("Reaction ~ (Days + 1 | Subject)", Sleep),
            LinearMixedModel.Fit("Reaction ~ Days + 1|Subject", Sleep));
        var spec = ModelSpecification.FromFormula("y ~ x + 1|g");
        Assert.True(spec.Fixed.HasIntercept);
        Assert.Empty(spec.Fixed.Terms);
        Assert.Equal("g", Assert.Single(spec.Random).GroupName);
    }

    [Fact]
    public void LogicalExpressionsInsideIAreFactorsWithLevelsFalseAndTrue()
    {
        var data = WithColumn(Sleep, "late", row => Days(row) > 5 ? 1 : 0);
        var expected = LinearMixedModel.Fit("Reaction ~ late + (1 | Subject)", data);
        var fit = LinearMixedModel.Fit("Reaction ~ I(Days > 5) + (1 | Subject)", data);
        Assert.Equal(["(Intercept)", "I(Days > 5)TRUE"], fit.FixedEffectNames);
        for (int j = 0; j < 2; j++) Assert.Equal(expected.Beta[j], fit.Beta[j], 1e-9);
        Assert.Equal(expected.Criterion, fit.Criterion, 1e-9);

        var combined = LinearMixedModel.Fit("Reaction ~ I(Days >= 2 & Days <= 7) + I(!(Days == 0) & Days != 9) + (1 | Subject)", data);
        Assert.Equal(["(Intercept)", "I(Days >= 2 & Days <= 7)TRUE", "I(!(Days == 0) & Days != 9)TRUE"], combined.FixedEffectNames);
        var arithmetic = LinearMixedModel.Fit("Reaction ~ I((Days > 5) * 2) + (1 | Subject)", data);
        Assert.Equal(expected.Beta[1] / 2, arithmetic.Beta[1], 1e-7);
    }
}

/// <summary>A cell that makes a numeric column text is named with its row, column and value when the model needs a number.</summary>
public class BadCellTests
{
    private static Dataset Read(string text) => CsvReader.Read(new StringReader(text), "t.csv", new CsvReadOptions());

    private const string Rows = "1,a\n2,a\n3,b\n4,b\n5,c\n6,c\n";

    [Fact]
    public void ABadResponseCellIsNamed()
    {
        var data = Read("y,g\n1.5,a\n2,a\nabc,b\n3,b\n4,c\n5,c\n");
        var error = Assert.Throws<ModelSpecificationException>(() => LinearMixedModel.Fit("y ~ 1 + (1 | g)", data));
        Assert.Equal("'t.csv' row 3, column 'y': 'abc' is not a number, so the response 'y' is text; " +
                     "a linear mixed model needs a numeric response", error.Message);
    }

    [Fact]
    public void ABadCovariateCellUsedInArithmeticIsNamed()
    {
        var data = Read("x,g\n" + Rows.Replace("5,c", "5;0,c")).WithColumn(new NumericColumn("y", [1, 2, 3, 4, 5, 6.5]));
        var error = Assert.Throws<ModelSpecificationException>(() => LinearMixedModel.Fit("y ~ log(x) + (1 | g)", data));
        Assert.Equal("in model variable 'log(x)': 't.csv' row 5, column 'x': '5;0' is not a number, so 'x' is text " +
                     "and 'log' cannot be applied to it", error.Message);
    }

    [Fact]
    public void ADecimalCommaCellGetsAHint()
    {
        var data = Read("y,g\n\"1,5\",a\n\"2,5\",a\n\"3,5\",b\n\"4,5\",b\n\"5,5\",c\n\"6,5\",c\n");
        var error = Assert.Throws<ModelSpecificationException>(() => LinearMixedModel.Fit("y ~ 1 + (1 | g)", data));
        Assert.StartsWith("'t.csv' row 1, column 'y': '1,5' is not a number (a decimal comma: read the file with --decimal ',')",
            error.Message);
    }
}

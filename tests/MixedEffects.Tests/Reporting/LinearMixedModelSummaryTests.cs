using Xunit;
using System.Globalization;
using System.Text.RegularExpressions;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Reporting;
using MixedEffects.Tests.Cli;

namespace MixedEffects.Tests.Reporting;

/// <summary>
/// The text summary against lme4 1.1-31's print(summary(lmer(...))). Layout lines (headers, labels) are copied
/// from R's output; numbers are checked against tests/reference/lmm.json to the precision printed.
/// </summary>
public sealed class LinearMixedModelSummaryTests
{
    private const string Formula = "Reaction ~ Days + (Days | Subject)";

    private static string[] SummaryLines(EstimationMethod method)
    {
        var fit = LinearMixedModel.Fit(Formula, Datasets.Load("sleepstudy"), new LinearMixedModelOptions { Method = method });
        return new LinearMixedModelSummary(fit, "sleepstudy").Lines().ToArray();
    }

    [Fact]
    public void RemlLayoutMatchesLme4()
    {
        var lines = SummaryLines(EstimationMethod.Reml);
        // layout lines from R: print(summary(lmer(Reaction ~ Days + (Days | Subject), sleepstudy)))
        Assert.Equal("Linear mixed model fit by REML ['lmerMod']", lines[0]);
        Assert.Equal("Formula: Reaction ~ Days + (Days | Subject)", lines[1]);
        Assert.Equal("   Data: sleepstudy", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.StartsWith("REML criterion at convergence: ", lines[4]);
        Assert.Equal("", lines[5]);
        Assert.Equal("Scaled residuals: ", lines[6]);
        Assert.Equal("    Min      1Q  Median      3Q     Max ", lines[7]);
        Assert.Equal("", lines[9]);
        Assert.Equal("Random effects:", lines[10]);
        Assert.Equal(" Groups   Name        Variance Std.Dev. Corr", lines[11]);
        Assert.StartsWith(" Subject  (Intercept) ", lines[12]);
        Assert.StartsWith("          Days        ", lines[13]);
        Assert.StartsWith(" Residual             ", lines[14]);
        Assert.Equal("Number of obs: 180, groups:  Subject, 18", lines[15]);
        Assert.Equal("", lines[16]);
        Assert.Equal("Fixed effects:", lines[17]);
        Assert.Equal("            Estimate Std. Error t value", lines[18]);
        Assert.StartsWith("(Intercept) ", lines[19]);
        Assert.StartsWith("Days        ", lines[20]);
        Assert.Equal("", lines[21]);
        Assert.Equal("Correlation of Fixed Effects:", lines[22]);
        Assert.Equal("     (Intr)", lines[23]);
        Assert.StartsWith("Days ", lines[24]);
        Assert.Equal(25, lines.Length);
        // all rows of a table have the same width, as R pads them
        Assert.Equal(lines[11].Length, lines[12].Length);
        Assert.Equal(lines[11].Length, lines[14].Length);
        Assert.Equal(lines[18].Length, lines[19].Length);
    }

    [Fact]
    public void RemlNumbersMatchReference()
    {
        // reference: tests/reference/lmm.json case sleepstudy_slopes_reml
        var golden = GoldenLmm.Case("sleepstudy_slopes_reml");
        var lines = SummaryLines(EstimationMethod.Reml);
        AssertPrinted(golden.GetProperty("REMLcrit").GetDouble(), lines[4]["REML criterion at convergence: ".Length..]);

        var random = golden.GetProperty("random");
        var subject = Numbers(lines[12]);
        AssertPrinted(random[0].GetProperty("vcov").GetDouble(), subject[0]);
        AssertPrinted(random[0].GetProperty("sdcor").GetDouble(), subject[1]);
        var days = Numbers(lines[13]);
        AssertPrinted(random[2].GetProperty("vcov").GetDouble(), days[0]);
        AssertPrinted(random[2].GetProperty("sdcor").GetDouble(), days[1]);
        AssertPrinted(random[1].GetProperty("sdcor").GetDouble(), days[2]);
        var residual = Numbers(lines[14]);
        AssertPrinted(random[3].GetProperty("vcov").GetDouble(), residual[0]);
        AssertPrinted(random[3].GetProperty("sdcor").GetDouble(), residual[1]);

        var fixedRows = golden.GetProperty("fixed");
        for (int i = 0; i < 2; i++)
        {
            var printed = Numbers(lines[19 + i]);
            AssertPrinted(fixedRows[i].GetProperty("estimate").GetDouble(), printed[0]);
            AssertPrinted(fixedRows[i].GetProperty("se").GetDouble(), printed[1]);
            AssertPrinted(fixedRows[i].GetProperty("statistic").GetDouble(), printed[2]);
        }
        var vcov = golden.GetProperty("vcov");
        double corr = vcov[0][1].GetDouble() / Math.Sqrt(vcov[0][0].GetDouble() * vcov[1][1].GetDouble());
        AssertPrinted(corr, Numbers(lines[24])[0]);
    }

    [Fact]
    public void MlLayoutAndNumbersMatchLme4()
    {
        // reference: tests/reference/lmm.json case sleepstudy_slopes_ml; layout lines from R's print
        var golden = GoldenLmm.Case("sleepstudy_slopes_ml");
        var lines = SummaryLines(EstimationMethod.MaximumLikelihood);
        Assert.Equal("Linear mixed model fit by maximum likelihood  ['lmerMod']", lines[0]);
        Assert.Equal("     AIC      BIC   logLik deviance df.resid ", lines[4]);
        var values = Numbers(lines[5]);
        AssertPrinted(golden.GetProperty("AIC").GetDouble(), values[0]);
        AssertPrinted(golden.GetProperty("BIC").GetDouble(), values[1]);
        AssertPrinted(golden.GetProperty("logLik").GetDouble(), values[2]);
        AssertPrinted(golden.GetProperty("deviance").GetDouble(), values[3]);
        Assert.Equal(golden.GetProperty("df_resid").GetDouble(), double.Parse(values[4], CultureInfo.InvariantCulture));
        Assert.Equal("      174 ", lines[5][^10..]);
        Assert.Equal("Scaled residuals: ", lines[7]);
        Assert.Equal("Random effects:", lines[11]);
    }

    [Fact]
    public void ScaledResidualQuantilesMatchReferenceResiduals()
    {
        // lmm.json holds all 180 residuals of sleepstudy_slopes_reml; quantile(type 7) of residual/sigma
        var golden = GoldenLmm.Case("sleepstudy_slopes_reml");
        Assert.Equal(180, golden.GetProperty("fitted_count").GetInt32());
        double sigma = golden.GetProperty("sigma").GetDouble();
        var scaled = golden.GetProperty("residuals").EnumerateArray().Select(e => e.GetDouble() / sigma).Order().ToArray();
        var lines = SummaryLines(EstimationMethod.Reml);
        var printed = Numbers(lines[8]);
        double[] probs = [0, 0.25, 0.5, 0.75, 1];
        for (int i = 0; i < 5; i++)
        {
            double h = (scaled.Length - 1) * probs[i];
            int lo = (int)Math.Floor(h);
            double q = scaled[lo] + (h - lo) * (scaled[Math.Min(lo + 1, scaled.Length - 1)] - scaled[lo]);
            AssertPrinted(q, printed[i]);
        }
    }

    [Fact]
    public void RankDeficientFitPrintsLme4Message()
    {
        // lme4's text for sleepstudy_rankdef_reml (fit warnings section of print(summary(...)))
        var fit = LinearMixedModel.Fit("Reaction ~ Days + I(2 * Days) + (1 | Subject)", Datasets.Load("sleepstudy"));
        var lines = new LinearMixedModelSummary(fit, "sleepstudy").Lines();
        int at = lines.ToList().IndexOf("fit warnings:");
        Assert.True(at > 0);
        Assert.Equal("fixed-effect model matrix is rank deficient so dropping 1 column / coefficient", lines[at + 1]);
    }

    [Fact]
    public void SingularFitPrintsBoundaryMessage()
    {
        // dyestuff2 is singular in lme4 (reference: lmm.json dyestuff2_reml singular = true)
        Assert.True(GoldenLmm.Case("dyestuff2_reml").GetProperty("singular").GetBoolean());
        var fit = LinearMixedModel.Fit("Yield ~ 1 + (1 | Batch)", Datasets.Load("dyestuff2"));
        var lines = new LinearMixedModelSummary(fit, "dyestuff2").Lines();
        Assert.Contains("boundary (singular) fit: see help('isSingular')", lines);
        // a single fixed effect: no correlation block, as in lme4
        Assert.DoesNotContain("Correlation of Fixed Effects:", lines);
    }

    [Fact]
    public void ManyCoefficientsOmitCorrelationLikeLme4()
    {
        // sleepstudy with factor(Days) * a 3-level factor has p = 30; lme4 prints the "not shown" note
        var data = Datasets.Load("sleepstudy");
        var g = new TextColumn("g", Enumerable.Range(0, data.RowCount).Select(i => (string?)((i % 3) + 1).ToString(CultureInfo.InvariantCulture)).ToArray());
        var fit = LinearMixedModel.Fit("Reaction ~ factor(Days) * g + (1 | Subject)", data.WithColumn(g));
        var lines = new LinearMixedModelSummary(fit, "ss").Lines();
        Assert.Contains("Correlation matrix not shown by default, as p = 30 > 12.", lines);
        Assert.Contains("Use print(...., correlation=TRUE)  or", lines);
        Assert.Contains("    vcov(....)        if you need it", lines);
    }

    private static string[] Numbers(string line) =>
        Regex.Matches(line, @"-?\d+(\.\d+)?(e[-+]\d+)?").Select(m => m.Value).ToArray();

    /// <summary>
    /// The printed text equals the reference value to within one unit of the last printed digit, plus a relative
    /// 1e-4 allowance for the fit itself (the model's own agreement with lme4 is tested in the Models tests).
    /// </summary>
    private static void AssertPrinted(double reference, string printed)
    {
        double value = double.Parse(printed, CultureInfo.InvariantCulture);
        int dot = printed.IndexOf('.');
        double unit = dot < 0 ? 1 : Math.Pow(10, -(printed.Length - dot - 1));
        Assert.True(Math.Abs(value - reference) <= unit * 1.0001 + 1e-4 * Math.Abs(reference), $"printed {printed}, reference {reference}");
    }
}

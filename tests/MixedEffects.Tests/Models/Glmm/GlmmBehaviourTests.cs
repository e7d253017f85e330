using MixedEffects.Data;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Models.Glmm;

/// <summary>Input checks, families and links, predictions and the quadrature rule of the generalized models.</summary>
public sealed class GlmmBehaviourTests
{
    private const string Cbpp = "cbind(incidence, size - incidence) ~ period + (1 | herd)";

    [Theory]
    [InlineData("gaussian", null, "unknown family 'gaussian': use one of binomial, poisson")]
    [InlineData("binomial", "sqrt", "unknown link 'sqrt': use one of logit, probit, cloglog, log, identity")]
    [InlineData("poisson", "logit", "link 'logit' is not available for the poisson family: use one of log, identity")]
    public void UnknownFamilyOrLinkNamesTheValidOnes(string family, string? link, string message)
    {
        var e = Assert.Throws<ModelSpecificationException>(() => GlmFamily.Create(family, link));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void BinomialResponseOutsideZeroOneIsRejected()
    {
        var e = Assert.Throws<ModelSpecificationException>(() =>
            GeneralizedLinearMixedModel.Fit("incidence ~ period + (1 | herd)", Datasets.Load("cbpp")));
        Assert.StartsWith("binomial response 'incidence' is 2 in row 1: values must be between 0 and 1", e.Message);
    }

    [Fact]
    public void NonIntegerSuccessesAreRejected()
    {
        // incidence / size with weights size / 2 gives non-integer numbers of successes
        var data = new Dataset([
            new NumericColumn("y", [0.5, 0.25, 1.0, 0.0, 0.5, 0.75]),
            new NumericColumn("w", [3.0, 4, 2, 2, 2, 4]),
            new TextColumn("g", ["a", "a", "b", "b", "c", "c"])]);
        var e = Assert.Throws<ModelSpecificationException>(() =>
            GeneralizedLinearMixedModel.Fit("y ~ 1 + (1 | g)", data, new GeneralizedLinearMixedModelOptions { WeightsColumn = "w" }));
        Assert.StartsWith("non-integer number of successes in a binomial model: 'y' times the weights is 1.5 in row 1", e.Message);
    }

    [Theory]
    [InlineData(-1.0, "response 'y' is negative (-1) in row 2; the poisson family needs non-negative counts")]
    [InlineData(2.5, "response 'y' is not an integer (2.5) in row 2; the poisson family needs counts")]
    public void BadPoissonCountsAreRejected(double bad, string message)
    {
        var data = new Dataset([
            new NumericColumn("y", [1.0, bad, 3, 0, 2, 4]),
            new TextColumn("g", ["a", "a", "b", "b", "c", "c"])]);
        var e = Assert.Throws<ModelSpecificationException>(() =>
            GeneralizedLinearMixedModel.Fit("y ~ 1 + (1 | g)", data, new GeneralizedLinearMixedModelOptions { Family = "poisson" }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void QuadratureNeedsASingleScalarTerm()
    {
        var e = Assert.Throws<ModelSpecificationException>(() => GeneralizedLinearMixedModel.Fit(
            "r2 ~ Anger + (1 | id) + (1 | item)", Datasets.Load("verbagg"), new GeneralizedLinearMixedModelOptions { NAgq = 5 }));
        Assert.Contains("needs a single scalar random-effects term", e.Message);
    }

    [Fact]
    public void TwoLevelFactorResponseCountsTheSecondLevelAsSuccess()
    {
        // r2 has levels N, Y: the fitted probabilities must average to the share of Y (a property of the
        // logit-link score equations with an intercept: sum(y - mu) = 0)
        var data = Datasets.Load("verbagg");
        var fit = GeneralizedLinearMixedModel.Fit("r2 ~ 1 + (1 | item)", data);
        var y = fit.Response();
        Assert.Equal(y.Average(), fit.Fitted().Average(), 1e-3);
        Assert.Equal(y.Length, y.Count(v => v == 0 || v == 1));
    }

    [Fact]
    public void PredictionOnTheTrainingDataReproducesTheFit()
    {
        var fit = GlmmReference.Fit("cbpp_poisson_offset");
        var data = Datasets.Load("cbpp");
        Assert.Equal(fit.LinearPredictor(), fit.Predict(data), new Tolerance(1e-10));
        Assert.Equal(fit.Fitted(), fit.Predict(data, GlmmPredictionScale.Response), new Tolerance(1e-10));
        // without random effects: offset + X beta
        var population = fit.Predict(data, GlmmPredictionScale.Link, includeRandomEffects: false);
        var b = fit.RandomEffects()[0];
        var eta = fit.LinearPredictor();
        var herdColumn = (TextColumn)data["herd"];
        for (int i = 0; i < eta.Length; i++)
            Assert.Equal(eta[i] - b.Values[b.Levels.ToList().IndexOf(herdColumn[i]!), 0], population[i], 1e-10);
    }

    [Fact]
    public void GaussHermiteRuleIntegratesNormalMoments()
    {
        // E Z^0 = 1, E Z^2 = 1, E Z^4 = 3, E Z^6 = 15 for Z ~ N(0, 1): exact for a rule with 25 points
        var rule = GaussHermiteRule.Create(25);
        double Moment(int k) => rule.Nodes.Zip(rule.Weights).Sum(p => p.Second * Math.Pow(p.First, k));
        Assert.Equal(1, Moment(0), 1e-13);
        Assert.Equal(1, Moment(2), 1e-12);
        Assert.Equal(3, Moment(4), 1e-11);
        Assert.Equal(15, Moment(6), 1e-10);
        Assert.Equal(0, Moment(3), 1e-12);
    }

    [Fact]
    public void LogGammaAndNormalTailsAreAccurate()
    {
        // log Gamma(1/2) = log(sqrt(pi)); log Gamma(n + 1) = log n!
        Assert.Equal(0.5 * Math.Log(Math.PI), GlmSpecialFunctions.LogGamma(0.5), 1e-14);
        Assert.Equal(Math.Log(3628800.0), GlmSpecialFunctions.LogGamma(11), 1e-13);
        // R: pnorm(-1.96) = 0.0249978951482204, pchisq(3, 1, lower.tail = FALSE) = 0.0832645166635506 (distributions.json)
        var d = MixedEffects.Tests.Reference.GoldenFile.Load("distributions");
        double pnorm = d.GetProperty("pnorm").EnumerateArray().First(e => e.GetProperty("x").GetDouble() == -1.96).GetProperty("p").GetDouble();
        double pchisq = d.GetProperty("pchisq").EnumerateArray()
            .First(e => e.GetProperty("x").GetDouble() == 3 && e.GetProperty("df").GetDouble() == 1).GetProperty("upper").GetDouble();
        Assert.Equal(pnorm, GlmSpecialFunctions.NormalCdf(-1.96), 1e-15);
        Assert.Equal(pchisq, GlmSpecialFunctions.ChiSquareUpperTail(3, 1), 1e-15);
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}

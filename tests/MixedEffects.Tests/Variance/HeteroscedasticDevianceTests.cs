using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using MixedEffects.Variance;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// The variance-structure criterion against independent computations: at g = 1 it is today's profiled criterion
/// (to 1e-10), and at any parameters it is the weighted criterion of the design reweighted by 1/g^2 row by row plus
/// 2 sum log g, both for stored per-stratum cross products and for the per-row reweighting path.
/// </summary>
public class HeteroscedasticDevianceTests
{
    [Theory]
    [InlineData("orthodont", "distance ~ age * Sex + (age | Subject)", "varIdent(~ 1 | Sex)", true)]
    [InlineData("fhch2010", "log_rt ~ task * stimulus + (1 | id) + (1 | item)", "varIdent(~ 1 | task * stimulus)", false)]
    [InlineData("bodyweight", "weight ~ Time * Diet + (Time | Rat)", "varExp(~ Time)", true)]
    public void HomoscedasticThroughTheNewPathEqualsTodaysFit(string dataset, string formula, string variance, bool reml)
    {
        var method = reml ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood;
        var options = new LinearMixedModelOptions { Method = method };
        var data = Datasets.Load(dataset);
        var plain = LinearMixedModel.Fit(formula, data, options);
        var design = LinearMixedModelDesign.Build(ModelSpecification.FromFormula(formula), data, options);
        var function = VarianceFunction.Parse(variance).Bind(design.Frame);
        var objective = new HeteroscedasticDeviance(design, function, method);
        var parameters = plain.Theta.Concat(new double[function.ParameterCount]).ToArray();
        Tolerance.Close(plain.Criterion, objective.Evaluate(parameters), 1e-10, what: "criterion at g = 1");

        var atOne = LinearMixedModelObjective.For(design, options with { Variance = VarianceFunction.Parse(variance) }, formula)
            .FitAt(parameters);
        Tolerance.Close(plain.Criterion, atOne.Criterion, 1e-10, what: "fit criterion");
        Tolerance.Close(plain.Sigma, atOne.Sigma, 1e-10, what: "sigma");
        for (int j = 0; j < plain.Beta.Length; j++)
        {
            Tolerance.Close(plain.Beta[j], atOne.Beta[j], 1e-10, 1e-8, "beta");
            Tolerance.Close(plain.FixedEffects[j].StandardError, atOne.FixedEffects[j].StandardError, 1e-10, what: "SE");
        }
        Assert.Equal(plain.ParameterCount + function.ParameterCount, atOne.ParameterCount);
    }

    [Theory]
    [InlineData("orthodont", "distance ~ age * Sex + (age | Subject)", "varIdent(~ 1 | Sex * age)", true)]
    [InlineData("crossedvar", "rt ~ cond + (1 | subj) + (1 | item)", "varIdent(~ 1 | cond)", false)]
    [InlineData("bodyweight", "weight ~ Time * Diet + (Time | Rat)", "varPower(~ Time)", false)]
    [InlineData("sleepstudy", "Reaction ~ Days + (Days | Subject)", "varExp(~ Reaction)", true)]
    public void CriterionEqualsTheReweightedDesigns(string dataset, string formula, string variance, bool reml)
    {
        var method = reml ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood;
        var options = new LinearMixedModelOptions { Method = method };
        var design = LinearMixedModelDesign.Build(ModelSpecification.FromFormula(formula), Datasets.Load(dataset), options);
        var function = VarianceFunction.Parse(variance).Bind(design.Frame);
        var objective = new HeteroscedasticDeviance(design, function, method);
        Assert.Equal(function.Strata.Count <= 64, objective.CombinesStrata);
        var random = new Random(7);
        int thetaCount = design.Terms.Sum(t => t.ThetaCount);
        for (int trial = 0; trial < 3; trial++)
        {
            var theta = design.Terms.SelectMany(t => t.ThetaStart()).Select(v => v * (0.3 + random.NextDouble())).ToArray();
            var scaled = Enumerable.Range(0, function.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
            double actual = objective.Evaluate(theta.Concat(scaled).ToArray());

            var logG = new double[function.Strata.Count];
            function.LogG(scaled, logG);
            var g = function.StratumOf.Select(s => Math.Exp(logG[s])).ToArray();
            var reweighted = design.Reweighted(g.Select(v => 1 / (v * v)).ToArray());
            double expected = new ProfiledDeviance(reweighted.CrossProducts, method).Evaluate(theta);
            Tolerance.Close(expected, actual, 1e-10, what: $"criterion, trial {trial}");
            Assert.Equal(thetaCount, objective.ThetaCount);
        }
    }
}

using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Models;

// lme4's classic: reaction times over days of sleep deprivation, a random intercept and slope per subject
var data = Datasets.Load("sleepstudy");
var fit = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", data);

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant, $"REML criterion: {fit.Criterion:R}"));
Console.WriteLine(string.Create(invariant, $"sigma: {fit.Sigma:R}"));
foreach (var fe in fit.FixedEffects)
    Console.WriteLine(string.Create(invariant, $"fixed {fe.Term}: {fe.Estimate:R} (SE {fe.StandardError:R})"));
foreach (var vc in fit.VarianceComponents)
    Console.WriteLine(string.Create(invariant, $"random {vc.Group} {vc.Term1} {vc.Term2}: {vc.SdCor:R}"));

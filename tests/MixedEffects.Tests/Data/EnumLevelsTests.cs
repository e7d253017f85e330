using MixedEffects.Data;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Data;

/// <summary>Enum-typed properties become factors whose levels keep the enum's declared order (not alphabetical).</summary>
public class EnumLevelsTests
{
    private enum Dose { Low, Medium, High }

    private sealed record Observation(Dose Dose, double Response, string Subject);

    [Fact]
    public void EnumLevelsKeepDeclaredOrderAndTheFirstIsTheReference()
    {
        var records = new[]
        {
            new Observation(Dose.High, 3.1, "s1"), new Observation(Dose.Low, 1.0, "s1"), new Observation(Dose.Medium, 2.2, "s1"),
            new Observation(Dose.High, 3.4, "s2"), new Observation(Dose.Low, 1.3, "s2"), new Observation(Dose.Medium, 2.0, "s2"),
            new Observation(Dose.High, 2.9, "s3"), new Observation(Dose.Low, 0.8, "s3"), new Observation(Dose.Medium, 2.1, "s3"),
        };
        var data = DatasetAdapters.FromRecords(records);
        Assert.Equal(["Low", "Medium", "High"], ((TextColumn)data["Dose"]).Levels());
        var fit = LinearMixedModel.Fit("Response ~ Dose + (1 | Subject)", data);
        Assert.Equal(["(Intercept)", "DoseMedium", "DoseHigh"], fit.FixedEffects.Select(f => f.Term));
        // balanced: the intercept is the Low mean, (1.0 + 1.3 + 0.8) / 3
        Assert.Equal((1.0 + 1.3 + 0.8) / 3, fit.FixedEffects[0].Estimate, 9);
    }
}

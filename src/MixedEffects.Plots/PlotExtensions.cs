using MixedEffects.Data;
using MixedEffects.Models;

namespace MixedEffects.Plots;

/// <summary>Entry points: <c>fit.Plot(data).Caterpillar().Save("ranef.svg")</c>.</summary>
public static class PlotExtensions
{
    /// <summary>The figures of a linear mixed model fitted to <paramref name="data"/>.</summary>
    public static ModelPlots Plot(this LinearMixedModelFit fit, Dataset data) => new(fit, data);

    /// <summary>The figures of a generalized linear mixed model fitted to <paramref name="data"/>.</summary>
    public static ModelPlots Plot(this GeneralizedLinearMixedModelFit fit, Dataset data) => new(fit, data);
}

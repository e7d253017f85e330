using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Plots;

/// <summary>
/// The figures of a fitted mixed model, drawn from its public results (conditional modes and variances, coefficients,
/// fitted values, residuals, least-squares fits, likelihood profiles) and the data it was fitted to.
/// Each method returns a <see cref="Figure"/> to write as SVG or PNG.
/// </summary>
public sealed class ModelPlots
{
    private readonly FittedModel _model;

    /// <summary>Plots of a linear mixed model fitted to <paramref name="data"/>.</summary>
    public ModelPlots(LinearMixedModelFit fit, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(fit);
        _model = new FittedModel(fit, data);
    }

    /// <summary>Plots of a generalized linear mixed model fitted to <paramref name="data"/>.</summary>
    public ModelPlots(GeneralizedLinearMixedModelFit fit, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(fit);
        _model = new FittedModel(fit, data);
    }

    /// <summary>True for a generalized model (binomial or Poisson).</summary>
    public bool IsGeneralized => _model.Generalized is not null;

    /// <summary>The grouping factors, in the order of the model's random-effects tables.</summary>
    public IReadOnlyList<string> GroupNames => _model.Groups.Select(g => g.Name).ToArray();

    /// <summary>Per-group panels of the data with the mixed model's line, and the complete- and no-pooling lines (linear models).</summary>
    public Figure Pooling(PoolingOptions? options = null) => PoolingPlot.Draw(_model, options ?? new PoolingOptions());

    /// <summary>Each group's own least-squares estimates against its conditional coefficients, arrows toward the population estimate.</summary>
    public Figure Shrinkage() => ShrinkagePlot.Draw(_model);

    /// <summary>Conditional modes of one grouping factor (default: the first) with intervals at <paramref name="level"/>, sorted.</summary>
    public Figure Caterpillar(string? group = null, double level = 0.95)
    {
        if (!(level > 0 && level < 1)) throw new PlotException($"the interval level must be between 0 and 1, got {level}");
        return CaterpillarPlot.Draw(_model, group, level);
    }

    /// <summary>Caterpillar plots of every grouping factor.</summary>
    public IReadOnlyList<Figure> Caterpillars(double level = 0.95) => _model.RandomEffects.Select(t => Caterpillar(t.Group, level)).ToArray();

    /// <summary>Residuals against fitted values.</summary>
    public Figure ResidualsVsFitted() => ResidualPlots.AgainstFitted(_model);

    /// <summary>Normal quantile-quantile plot of the residuals.</summary>
    public Figure ResidualQq() => QuantilePlots.Residuals(_model);

    /// <summary>Normal quantile-quantile plots of each random effect (one panel per grouping factor and term).</summary>
    public Figure RandomEffectsQq() => QuantilePlots.RandomEffects(_model);

    /// <summary>Box plots of the residuals in each level of a grouping factor (default: the first).</summary>
    public Figure ResidualsByGroup(string? group = null) => ResidualPlots.ByGroup(_model, group);

    /// <summary>Zeta against each parameter from likelihood profiles (computed by ML when not given; linear models).</summary>
    public Figure ProfileZeta(IReadOnlyList<ParameterProfile>? profiles = null) => ProfilePlots.Zeta(profiles ?? Profiles());

    /// <summary>The deviance increase along one variance parameter's profile (default: the first standard deviation).</summary>
    public Figure ProfileDeviance(string? parameter = null, IReadOnlyList<ParameterProfile>? profiles = null) =>
        ProfilePlots.Deviance(profiles ?? Profiles(), parameter);

    /// <summary>The likelihood profiles the profile plots draw (linear models).</summary>
    public IReadOnlyList<ParameterProfile> Profiles() =>
        LikelihoodProfiles.Compute(_model.Linear ?? throw new PlotException("likelihood profiles are available for linear mixed models only"));

    /// <summary>Binned residuals against fitted values (generalized models; for a linear model, binned raw residuals).</summary>
    public Figure BinnedResiduals() => GeneralizedPlots.BinnedResiduals(_model);

    /// <summary>Per-group panels of the observed response (proportion or count) with the fitted probability or rate.</summary>
    public Figure FittedByGroup(int maxPanels = 48) => GeneralizedPlots.FittedByGroup(_model, maxPanels);
}

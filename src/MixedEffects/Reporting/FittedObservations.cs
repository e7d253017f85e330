using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>Pairs a fit's fitted values and residuals with the data rows they belong to.</summary>
public static class FittedObservations
{
    /// <summary>One entry per observation used, in data order.</summary>
    public static IReadOnlyList<FittedObservation> From(LinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var rows = fit.Design.Frame.Rows;
        var fitted = fit.Fitted();
        var residuals = fit.Residuals();
        return rows.Select((r, i) => new FittedObservation(r + 1, fitted[i], residuals[i])).ToArray();
    }

    /// <summary>
    /// One entry per observation of a generalized fit, in data order: the fitted mean (response scale) and the
    /// response residual y - mu (proportions for a binomial model).
    /// </summary>
    public static IReadOnlyList<FittedObservation> From(GeneralizedLinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var rows = fit.Design.Frame.Rows;
        var fitted = fit.Fitted();
        var y = fit.Response();
        return rows.Select((r, i) => new FittedObservation(r + 1, fitted[i], y[i] - fitted[i])).ToArray();
    }
}

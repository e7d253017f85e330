namespace MixedEffects.Variance;

/// <summary>nlme's <c>varExp(~ x)</c>: the residual standard deviation is sigma exp(t x).</summary>
public sealed record VarExp(string Covariate) : CovariateVarianceFunction(Covariate)
{
    /// <inheritdoc/>
    public override string Structure => "varExp";

    /// <inheritdoc/>
    public override string Description => "Exponential of variance covariate";

    /// <inheritdoc/>
    public override string ParameterName => "expon";

    /// <inheritdoc/>
    internal override double LogScale(double x) => x;
}

namespace MixedEffects.Variance;

/// <summary>nlme's <c>varPower(~ x)</c>: the residual standard deviation is sigma |x|^d; x must not be 0.</summary>
public sealed record VarPower(string Covariate) : CovariateVarianceFunction(Covariate)
{
    /// <inheritdoc/>
    public override string Structure => "varPower";

    /// <inheritdoc/>
    public override string Description => "Power of variance covariate";

    /// <inheritdoc/>
    public override string ParameterName => "power";

    /// <inheritdoc/>
    internal override double LogScale(double x) => Math.Log(Math.Abs(x));

    /// <inheritdoc/>
    internal override void Check(double x, int row)
    {
        if (x == 0)
            throw new ModelSpecificationException(
                $"{this}: covariate '{Covariate}' is 0 in row {row}; |x|^power is not defined there (shift the covariate or use varExp)");
    }
}

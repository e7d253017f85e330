using System.Globalization;
using MixedEffects.Design;

namespace MixedEffects.Variance;

/// <summary>
/// A variance function of a numeric covariate with one parameter p and log g = p h(x): varExp (h(x) = x) and varPower
/// (h(x) = log |x|). The strata are the covariate's distinct values.
/// </summary>
public abstract record CovariateVarianceFunction(string Covariate) : VarianceFunction
{
    /// <inheritdoc/>
    public override string Form => $"~{Covariate}";

    /// <summary>nlme's name of the parameter: <c>expon</c> or <c>power</c>.</summary>
    public abstract string ParameterName { get; }

    /// <summary>h(x): log g per unit of the parameter.</summary>
    internal abstract double LogScale(double x);

    /// <summary>Rejects covariate values where g is not defined (row is the data row, 1-based).</summary>
    internal virtual void Check(double x, int row) { }

    /// <inheritdoc/>
    internal override BoundVarianceFunction Bind(ModelFrame frame)
    {
        if (Covariate == FittedValues && !frame.Data.HasColumn(FittedValues))
            throw new ModelSpecificationException(
                $"{this}: the fitted values as covariate are available without random effects only (generalized least squares, mixed gls)");
        var x = VarianceVariables.Covariate(frame, this, Covariate);
        for (int i = 0; i < x.Length; i++) Check(x[i], frame.Rows[i] + 1);
        var (codes, values) = VarianceVariables.Distinct(x);
        return new BoundVarianceFunction(this, codes, values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
            values.Select(LogScale).ToArray(), [ParameterName], values);
    }
}

namespace MixedEffects.Inference;

/// <summary>
/// An ordinary least-squares fit of the fixed part of a formula, with the numbers R's <c>summary(lm(...))</c>,
/// <c>logLik</c>, <c>AIC</c> and <c>BIC</c> report. Immutable.
/// </summary>
public sealed class LeastSquaresFit
{
    internal LeastSquaresFit(string formula, int observationCount, IReadOnlyList<LeastSquaresCoefficient> coefficients,
        IReadOnlyList<string> droppedColumns, double residualSumOfSquares, double totalSumOfSquares, bool hasIntercept,
        double logLikelihood)
    {
        Formula = formula;
        ObservationCount = observationCount;
        Coefficients = coefficients;
        DroppedColumns = droppedColumns;
        int p = coefficients.Count;
        ResidualDegreesOfFreedom = observationCount - p;
        Sigma = Math.Sqrt(residualSumOfSquares / ResidualDegreesOfFreedom);
        RSquared = 1 - residualSumOfSquares / totalSumOfSquares;
        int intercept = hasIntercept ? 1 : 0;
        AdjustedRSquared = 1 - (1 - RSquared) * (observationCount - intercept) / ResidualDegreesOfFreedom;
        FNumeratorDf = p - intercept;
        FDenominatorDf = ResidualDegreesOfFreedom;
        FStatistic = FNumeratorDf > 0
            ? (totalSumOfSquares - residualSumOfSquares) / FNumeratorDf / (residualSumOfSquares / ResidualDegreesOfFreedom)
            : double.NaN;
        LogLikelihood = logLikelihood;
    }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>Number of observations used (rows with no missing value).</summary>
    public int ObservationCount { get; }

    /// <summary>Residual degrees of freedom: observations minus coefficients.</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>The coefficient table in R's order (dependent columns dropped).</summary>
    public IReadOnlyList<LeastSquaresCoefficient> Coefficients { get; }

    /// <summary>Names of columns dropped because they depend on earlier ones (R reports them as NA).</summary>
    public IReadOnlyList<string> DroppedColumns { get; }

    /// <summary>Residual standard error.</summary>
    public double Sigma { get; }

    /// <summary>Multiple R squared (about the mean when there is an intercept, about zero otherwise).</summary>
    public double RSquared { get; }

    /// <summary>Adjusted R squared.</summary>
    public double AdjustedRSquared { get; }

    /// <summary>F statistic of the regression against the intercept-only (or empty) model; NaN without terms.</summary>
    public double FStatistic { get; }

    /// <summary>Numerator degrees of freedom of <see cref="FStatistic"/>.</summary>
    public int FNumeratorDf { get; }

    /// <summary>Denominator degrees of freedom of <see cref="FStatistic"/>.</summary>
    public int FDenominatorDf { get; }

    /// <summary>p value of the F statistic.</summary>
    public double FPValue => FNumeratorDf > 0 ? Distributions.ProbabilityFunctions.FUpperTail(FStatistic, FNumeratorDf, FDenominatorDf) : double.NaN;

    /// <summary>Maximum-likelihood log-likelihood (R's <c>logLik(lm)</c>).</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of parameters counted by AIC and BIC: coefficients plus sigma.</summary>
    public int ParameterCount => Coefficients.Count + 1;

    /// <summary>Akaike's information criterion.</summary>
    public double Aic => -2 * LogLikelihood + 2 * ParameterCount;

    /// <summary>Bayesian information criterion.</summary>
    public double Bic => -2 * LogLikelihood + Math.Log(ObservationCount) * ParameterCount;
}

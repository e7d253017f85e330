using MixedEffects.Variance;

namespace MixedEffects.Reporting;

/// <summary>
/// nlme's "Variance function:" block of <c>summary(lme(...))</c>: structure, formula and parameter estimates (varIdent's
/// ratios with the reference stratum's 1, varExp's expon, varPower's power), and for varIdent the residual standard
/// deviation of each stratum.
/// </summary>
internal static class VarianceFunctionSection
{
    public static IEnumerable<string> Lines(FittedVarianceFunction fitted)
    {
        yield return "";
        yield return "Variance function:";
        yield return " Structure: " + fitted.Function.Description;
        yield return " Formula: " + fitted.Form;
        yield return " Parameter estimates:";
        bool ident = fitted.Function is VarIdent;
        var names = ident ? fitted.Strata : fitted.ParameterNames;
        var values = ident ? fitted.StratumRatios : fitted.Parameters;
        foreach (var line in RTextLayout.NamedVector(names, RNumberFormatter.Format(values, 7))) yield return line;
        if (!ident) yield break;
        yield return " Residual standard deviations:";
        foreach (var line in RTextLayout.NamedVector(names, RNumberFormatter.Format(fitted.StratumStandardDeviations, 7))) yield return line;
    }
}

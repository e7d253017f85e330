using MixedEffects.Inference;

namespace MixedEffects.Cli;

/// <summary>
/// CSV copies of the result tables (--emmeans-csv, --contrasts-csv, --anova-csv, --compare-csv): one row per table row,
/// with the columns emmeans, lmerTest and lme4 print (full precision; NA for a missing value).
/// </summary>
internal static class ResultTables
{
    /// <summary>Writes the files the options ask for.</summary>
    /// <exception cref="CommandLineException">A file is asked for a table that was not computed, or cannot be written.</exception>
    public static void Write(FitOptions options, MarginalMeansSection? means, AnovaTable? anova, ModelComparisonResult? comparison)
    {
        if (options.EmmeansCsv is { } emmeansPath)
        {
            var m = means?.Means ?? throw new CommandLineException("option '--emmeans-csv' needs '--emmeans SPECS'");
            var variables = m.PrimaryVariables.Concat(m.ByVariables).ToArray();
            CsvTableWriter.Write(emmeansPath, [.. variables, m.EstimateName, "SE", "df", "lower", "upper"],
                m.Rows.Select(r => (IReadOnlyList<object?>)[.. variables.Select(v => (object?)r.Levels[v]), r.Estimate, r.StandardError,
                    r.DegreesOfFreedom, r.Lower, r.Upper]));
        }
        if (options.ContrastsCsv is { } contrastsPath)
        {
            var c = means?.Contrasts ?? throw new CommandLineException("option '--contrasts-csv' needs '--emmeans SPECS' with contrasts");
            var by = c.Rows.SelectMany(r => r.ByLevels.Keys).Distinct().ToArray();
            CsvTableWriter.Write(contrastsPath, ["contrast", .. by, c.EstimateName, "SE", "df", "lower", "upper", "statistic", "p"],
                c.Rows.Select(r => (IReadOnlyList<object?>)[r.Name, .. by.Select(b => (object?)r.ByLevels[b]), r.Estimate, r.StandardError,
                    r.DegreesOfFreedom, r.Lower, r.Upper, r.Statistic, r.PValue]));
        }
        if (options.AnovaCsv is { } anovaPath)
        {
            var a = anova ?? throw new CommandLineException("option '--anova-csv' needs '--anova'");
            CsvTableWriter.Write(anovaPath, ["term", "SumSq", "MeanSq", "NumDF", "DenDF", "F", "p"],
                a.Rows.Select(r => (IReadOnlyList<object?>)[r.Term, r.SumSq, r.MeanSq, r.NumDf, r.DenDf, r.F, r.P]));
        }
        if (options.CompareCsv is { } comparePath)
        {
            var t = comparison ?? throw new CommandLineException("option '--compare-csv' needs '--compare FORMULA'");
            CsvTableWriter.Write(comparePath, ["model", "formula", "npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "p"],
                t.Rows.Select(r => (IReadOnlyList<object?>)[r.Model, r.Formula, r.Npar, r.Aic, r.Bic, r.LogLik, r.Deviance, r.ChiSquare, r.Df, r.P]));
        }
    }
}

using System.Globalization;
using MixedEffects.Design;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;

namespace MixedEffects.Cli;

/// <summary>The option table of <c>mixed fit</c> and its translation into <see cref="FitOptions"/>.</summary>
internal static class FitOptionsParser
{
    /// <summary>Options accepted by <c>mixed fit</c>, in help order.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("--family", "binomial|poisson", "fit a generalized linear mixed model (lme4's glmer) of this family"),
        new("--link", "NAME", "link of --family: logit, probit, cloglog, log (binomial); log, identity (poisson)"),
        new("--nagq", "N", "quadrature points of --family: 1 Laplace (default), 2-25 AGQ (one scalar term), 0"),
        new("--reml", null, "fit by restricted maximum likelihood (the default for linear models)"),
        new("--ml", null, "fit by maximum likelihood"),
        new("--contrasts", "treatment|sum|helmert", "coding of factors (default treatment)"),
        new("--weights", "COL", "numeric column of prior weights"),
        new("--format", "text|json", "report format (default text)"),
        new("--ddf", "METHOD", "df of t and F tests: satterthwaite (default), kenward-roger, none (lme4's summary)"),
        new("--anova", "I|II|III", "add the ANOVA table of the fixed terms (type III when no type is given)", IsAnovaType),
        new("--emmeans", "SPECS", "add estimated marginal means, e.g. \"task * stimulus\" or \"task | stimulus\""),
        new("--by", "VARS", "by-variables of the marginal means, comma- or space-separated"),
        new("--contrast", "FAMILY", "contrasts among the means: pairwise (default), revpairwise, trt.vs.ctrl, consec, poly, none"),
        new("--adjust", "METHOD", "p-value adjustment: tukey, sidak, bonferroni, holm, hochberg, BH, dunnettx, scheffe, none"),
        new("--level", "P", "confidence level of the intervals (default 0.95)"),
        new("--compare", "NULLFORMULA", "likelihood-ratio test against the null model (lme4's anova(m0, m1))"),
        new("--confint", "METHOD", "confidence intervals of the parameters: wald, profile, boot (--family: wald only)"),
        new("--nsim", "N", "bootstrap replicates of '--confint boot' (default 500)"),
        new("--seed", "S", "seed of '--confint boot' (default 1)"),
        new("--ranef-csv", "FILE", "write conditional modes: group, level, term, value, condsd"),
        new("--coef-csv", "FILE", "write per-group coefficients: group, level, one column per coefficient"),
        new("--fitted-csv", "FILE", "write fitted values: row, fitted, residual"),
        new("--predict", "NEWDATA", "CSV/TSV file or dataset to predict for (needs --predict-csv)"),
        new("--predict-csv", "FILE", "write predictions: row, prediction"),
        new("--no-random", null, "predict from the fixed effects only"),
        new("--type", "link|response", "scale of --family predictions (default response) and marginal means (default link)"),
        new("--help", null, "show this help"),
    ];

    private static readonly string[] ContrastFamilies = ["pairwise", "revpairwise", "trt.vs.ctrl", "consec", "poly", "none"];

    /// <summary>Builds the options from parsed arguments.</summary>
    /// <exception cref="CommandLineException">Wrong number of positionals, bad or conflicting values.</exception>
    public static FitOptions Build(ParsedArguments parsed)
    {
        if (parsed.Positionals.Count < 2)
            throw new CommandLineException(parsed.Positionals.Count == 0
                ? "missing arguments DATA and FORMULA (usage: mixed fit DATA FORMULA [options])"
                : "missing argument FORMULA (usage: mixed fit DATA FORMULA [options])");
        if (parsed.Positionals.Count > 2)
            throw new CommandLineException($"unexpected argument '{parsed.Positionals[2]}' (quote the formula as one argument)");
        if (parsed.Has("--ml") && parsed.Has("--reml"))
            throw new CommandLineException("options '--ml' and '--reml' cannot be used together");
        var options = new FitOptions
        {
            Data = parsed.Positionals[0],
            Formula = parsed.Positionals[1],
            Method = parsed.Has("--ml") ? EstimationMethod.MaximumLikelihood : EstimationMethod.Reml,
            Contrasts = ParseContrasts(parsed.Value("--contrasts")),
            WeightsColumn = parsed.Value("--weights"),
            Format = ParseFormat(parsed.Value("--format")),
            RanefCsv = parsed.Value("--ranef-csv"),
            CoefCsv = parsed.Value("--coef-csv"),
            FittedCsv = parsed.Value("--fitted-csv"),
            PredictData = parsed.Value("--predict"),
            PredictCsv = parsed.Value("--predict-csv"),
            PredictWithoutRandom = parsed.Has("--no-random"),
            Ddf = ParseDdf(parsed.Value("--ddf")),
            Anova = parsed.Has("--anova") ? ParseAnovaType(parsed.Value("--anova")) : null,
            EmmeansSpecs = ParseSpecs(parsed.Value("--emmeans")),
            EmmeansBy = ParseBy(parsed.Value("--by")),
            ContrastFamily = ParseContrastFamily(parsed.Value("--contrast")),
            Adjust = ParseAdjust(parsed.Value("--adjust")),
            Level = ParseLevel(parsed.Value("--level")),
            Family = ParseFamily(parsed.Value("--family")),
            Link = parsed.Value("--link")?.Trim().ToLowerInvariant(),
            NAgq = ParseInteger(parsed.Value("--nagq"), "--nagq", 1, 0, GeneralizedLinearMixedModel.MaxQuadraturePoints),
            Scale = ParseScale(parsed.Value("--type")),
            CompareFormula = ParseCompare(parsed.Value("--compare")),
            Confint = ParseConfint(parsed.Value("--confint")),
            Nsim = ParseInteger(parsed.Value("--nsim"), "--nsim", 500, 1, 1_000_000),
            Seed = ParseInteger(parsed.Value("--seed"), "--seed", 1, int.MinValue, int.MaxValue),
        };
        CheckGeneralized(parsed, options);
        CheckConfint(parsed, options);
        if (options.Ddf == DdfMethod.KenwardRoger && options.Method == EstimationMethod.MaximumLikelihood)
            throw new CommandLineException("'--ddf kenward-roger' needs a REML fit (drop '--ml' or use '--ddf satterthwaite')");
        foreach (var name in new[] { "--by", "--contrast", "--adjust" })
            if (parsed.Has(name) && options.EmmeansSpecs is null)
                throw new CommandLineException($"option '{name}' needs '--emmeans SPECS'");
        if (parsed.Has("--adjust") && options.ContrastFamily is null)
            throw new CommandLineException("option '--adjust' has no contrasts to adjust with '--contrast none'");
        if (options.PredictData is not null && options.PredictCsv is null)
            throw new CommandLineException("option '--predict' needs '--predict-csv FILE'");
        if (options.PredictCsv is not null && options.PredictData is null)
            throw new CommandLineException("option '--predict-csv' needs '--predict NEWDATA'");
        if (options.PredictWithoutRandom && options.PredictData is null)
            throw new CommandLineException("option '--no-random' needs '--predict NEWDATA'");
        return options;
    }

    private static readonly string[] LinearOnlyOptions = ["--reml", "--ddf", "--anova"];

    private static void CheckGeneralized(ParsedArguments parsed, FitOptions options)
    {
        if (!options.IsGeneralized)
        {
            foreach (var name in new[] { "--link", "--nagq", "--type" })
                if (parsed.Has(name)) throw new CommandLineException($"option '{name}' needs '--family binomial|poisson'");
            return;
        }
        GlmFamily.Create(options.Family!, options.Link);
        foreach (var name in LinearOnlyOptions)
            if (parsed.Has(name))
                throw new CommandLineException($"option '{name}' applies to linear mixed models only, not with '--family'");
        if (options.Confint is ConfidenceIntervalMethod method && method != ConfidenceIntervalMethod.Wald)
            throw new CommandLineException(
                $"'--confint {ConfidenceIntervalReportName(method)}' is not available with '--family' (use '--confint wald')");
        if (parsed.Has("--type") && options.PredictData is null && options.EmmeansSpecs is null)
            throw new CommandLineException("option '--type' needs '--predict NEWDATA' or '--emmeans SPECS'");
    }

    private static void CheckConfint(ParsedArguments parsed, FitOptions options)
    {
        foreach (var name in new[] { "--nsim", "--seed" })
            if (parsed.Has(name) && options.Confint != ConfidenceIntervalMethod.Bootstrap)
                throw new CommandLineException($"option '{name}' needs '--confint boot'");
    }

    private static string ConfidenceIntervalReportName(ConfidenceIntervalMethod method) =>
        Reporting.ConfidenceIntervalReport.MethodName(method);

    private static string? ParseFamily(string? value)
    {
        if (value is null) return null;
        string family = value.Trim().ToLowerInvariant();
        if (!GlmFamily.Names.Contains(family))
            throw new CommandLineException($"unknown family '{value}' (expected {string.Join(" or ", GlmFamily.Names)})");
        return family;
    }

    private static GlmmPredictionScale? ParseScale(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "response" => GlmmPredictionScale.Response,
        "link" => GlmmPredictionScale.Link,
        _ => throw new CommandLineException($"unknown type '{value}' (expected link or response)"),
    };

    private static string? ParseCompare(string? value)
    {
        if (value is null) return null;
        if (value.Trim().Length == 0) throw new CommandLineException("option '--compare' needs a formula, e.g. \"Reaction ~ 1 + (1 | Subject)\"");
        return value;
    }

    private static ConfidenceIntervalMethod? ParseConfint(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "wald" => ConfidenceIntervalMethod.Wald,
        "profile" => ConfidenceIntervalMethod.Profile,
        "boot" or "bootstrap" => ConfidenceIntervalMethod.Bootstrap,
        _ => throw new CommandLineException($"unknown interval method '{value}' (expected wald, profile or boot)"),
    };

    private static int ParseInteger(string? value, string option, int defaultValue, int min, int max)
    {
        if (value is null) return defaultValue;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new CommandLineException(min == int.MinValue
                ? $"option '{option}' needs an integer, got '{value}'"
                : $"option '{option}' needs an integer from {min} to {max}, got '{value}'");
        return n;
    }

    private static ContrastCoding ParseContrasts(string? value) => value?.ToLowerInvariant() switch
    {
        null or "treatment" => ContrastCoding.Treatment,
        "sum" => ContrastCoding.Sum,
        "helmert" => ContrastCoding.Helmert,
        _ => throw new CommandLineException($"unknown contrasts '{value}' (expected treatment, sum or helmert)"),
    };

    private static DdfMethod? ParseDdf(string? value) => value?.ToLowerInvariant() switch
    {
        null or "satterthwaite" => DdfMethod.Satterthwaite,
        "kenward-roger" or "kr" => DdfMethod.KenwardRoger,
        "none" => null,
        _ => throw new CommandLineException($"unknown ddf method '{value}' (expected satterthwaite, kenward-roger or none)"),
    };

    private static bool IsAnovaType(string value) =>
        value.Length > 0 && value.All(c => "IVXivx0123456789".Contains(c, StringComparison.Ordinal));

    private static AnovaType ParseAnovaType(string? value) => value?.ToUpperInvariant() switch
    {
        null or "III" or "3" => AnovaType.III,
        "II" or "2" => AnovaType.II,
        "I" or "1" => AnovaType.I,
        _ => throw new CommandLineException($"unknown ANOVA type '{value}' (expected I, II or III)"),
    };

    private static string? ParseSpecs(string? value)
    {
        if (value is null) return null;
        if (value.Trim().Length == 0) throw new CommandLineException("option '--emmeans' needs variable names, e.g. \"task * stimulus\"");
        return value;
    }

    private static string[] ParseBy(string? value)
    {
        if (value is null) return [];
        var names = value.Split([',', ' ', '*', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new CommandLineException("option '--by' needs variable names");
        return names;
    }

    private static string? ParseContrastFamily(string? value)
    {
        if (value is null) return "pairwise";
        string family = value.Trim().ToLowerInvariant();
        if (!ContrastFamilies.Contains(family))
            throw new CommandLineException($"unknown contrast family '{value}' (expected {string.Join(", ", ContrastFamilies)})");
        return family == "none" ? null : family;
    }

    private static AdjustmentMethod? ParseAdjust(string? value)
    {
        if (value is null) return null;
        try
        {
            return PValueAdjustment.Parse(value);
        }
        catch (MixedEffectsException)
        {
            throw new CommandLineException(
                $"unknown adjustment '{value}' (expected tukey, sidak, bonferroni, holm, hochberg, BH, fdr, dunnettx, scheffe or none)");
        }
    }

    private static double ParseLevel(string? value)
    {
        if (value is null) return 0.95;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double level) || !(level > 0 && level < 1))
            throw new CommandLineException($"confidence level '{value}' is not a number between 0 and 1 (e.g. 0.95)");
        return level;
    }

    private static OutputFormat ParseFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        _ => throw new CommandLineException($"unknown format '{value}' (expected text or json)"),
    };
}

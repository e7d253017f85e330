using System.CommandLine;
using System.Globalization;
using MixedEffects.Design;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Optimization;
using MixedEffects.Variance;

namespace MixedEffects.Cli;

/// <summary>
/// The arguments and options of <c>mixed fit</c> (typed, each with its validation message) and their translation
/// into <see cref="FitOptions"/>.
/// </summary>
/// <remarks>
/// To add an option to <c>mixed fit</c>: declare it below (<see cref="CliOption.Value{T}"/> with a parse function
/// that throws <see cref="CommandLineException"/>, or <see cref="CliOption.Flag"/>), list it in
/// <see cref="Options"/> where help should show it, give <see cref="FitOptions"/> a property for it and set that in
/// <see cref="Build"/>; a check that involves several options goes at the end of <see cref="Build"/>. Nothing else
/// needs to change: parsing, help and tab completion come from these declarations.
/// </remarks>
internal sealed class FitOptionsParser
{
    private static readonly string[] ContrastFamilies = ["pairwise", "revpairwise", "trt.vs.ctrl", "consec", "poly", "none"];

    /// <summary>Creates the declarations.</summary>
    public FitOptionsParser()
    {
        Options =
        [
            Family, Link, NAgq, Reml, Ml, .. DataOptions.Options, Weights, Variance, Format, Ddf, Anova, Ranova, Emmeans, By, Contrast, Adjust,
            At, Trend, JointTests, Level, Ci, Compare, R2, Confint, Nsim, Seed, RanefCsv, CoefCsv, FittedCsv, AugmentCsv, EmmeansCsv,
            ContrastsCsv, AnovaCsv, CompareCsv, CoefsCsv, Predict, PredictCsv, NoRandom, Type,
            Optimizer, Start,
            Engine, Table, Query, Timings,
            .. Reading.Options,
        ];
    }

    /// <summary>How data files are read (<c>--factor</c>, <c>--delimiter</c>, <c>--decimal</c>, <c>--encoding</c>).</summary>
    public DataReadOptions Reading { get; } = new();

    /// <summary>The CSV/TSV file or built-in dataset.</summary>
    public Argument<string> Data { get; } = new("DATA")
    {
        Description = "CSV/TSV file, or a built-in dataset name (see 'mixed datasets')",
        CompletionSources = { MixedEffects.Data.Datasets.Names.ToArray() },
    };

    /// <summary>The model formula.</summary>
    public Argument<string> Formula { get; } = new("FORMULA")
    {
        Description = "lme4 formula, e.g. \"Reaction ~ Days + (Days | Subject)\" or\n"
            + "\"cbind(incidence, size - incidence) ~ period + (1 | herd)\" with --family binomial",
    };

    /// <summary>Options accepted by <c>mixed fit</c>, in help order.</summary>
    public IReadOnlyList<Option> Options { get; }

    /// <summary><c>--family</c>.</summary>
    public Option<string?> Family { get; } = CliOption.Value<string?>("--family", "binomial|poisson",
        "fit a generalized linear mixed model (lme4's glmer) of this family", ParseFamily, null);

    /// <summary><c>--link</c>.</summary>
    public Option<string?> Link { get; } = CliOption.Value<string?>("--link", "NAME",
        "link of --family: logit, probit, cloglog, log (binomial); log, identity (poisson)", v => v.Trim().ToLowerInvariant(), null,
        "logit", "probit", "cloglog", "log", "identity");

    /// <summary><c>--nagq</c>.</summary>
    public Option<int> NAgq { get; } = CliOption.Value("--nagq", "N",
        "quadrature points of --family: 1 Laplace (default), 2-25 AGQ (one scalar term), 0",
        v => ParseInteger(v, "--nagq", 0, GeneralizedLinearMixedModel.MaxQuadraturePoints), 1);

    /// <summary><c>--reml</c>.</summary>
    public Option<bool> Reml { get; } = CliOption.Flag("--reml", "fit by restricted maximum likelihood (the default for linear models)");

    /// <summary><c>--ml</c>.</summary>
    public Option<bool> Ml { get; } = CliOption.Flag("--ml", "fit by maximum likelihood");

    /// <summary>The data options (<c>--contrasts</c>, <c>--subset</c>, <c>--ref</c>).</summary>
    public DataPreparation DataOptions { get; } = new();

    /// <summary><c>--ci</c>.</summary>
    public Option<ConfidenceIntervalMethod> Ci { get; } = CliOption.OptionalValue("--ci", "wald|profile|boot",
        "add the coefficient table with confidence limits (pymer4's coefs: Estimate, 2.5_ci, 97.5_ci, SE, DF, T-stat, P-val, Sig; wald when no method is given)",
        v => v.Trim().ToLowerInvariant() is "wald" or "profile" or "boot" or "bootstrap", "wald", v => ParseConfint(v)!.Value);

    /// <summary><c>--coefs-csv</c>.</summary>
    public Option<string?> CoefsCsv { get; } = CliOption.Value<string?>("--coefs-csv", "FILE",
        "write the coefficient table of --ci (term, Estimate, limits, SE, DF, T-stat, P-val, Sig)", v => v, null);

    /// <summary><c>--augment-csv</c>.</summary>
    public Option<string?> AugmentCsv { get; } = CliOption.Value<string?>("--augment-csv", "FILE",
        "write the model's rows: original columns, fitted, residual, conditional modes of each group", v => v, null);

    /// <summary><c>--emmeans-csv</c>.</summary>
    public Option<string?> EmmeansCsv { get; } = CliOption.Value<string?>("--emmeans-csv", "FILE",
        "write the marginal means: variables, estimate, SE, df, lower, upper", v => v, null);

    /// <summary><c>--contrasts-csv</c>.</summary>
    public Option<string?> ContrastsCsv { get; } = CliOption.Value<string?>("--contrasts-csv", "FILE",
        "write the contrasts: contrast, by-variables, estimate, SE, df, lower, upper, statistic, p", v => v, null);

    /// <summary><c>--anova-csv</c>.</summary>
    public Option<string?> AnovaCsv { get; } = CliOption.Value<string?>("--anova-csv", "FILE",
        "write the ANOVA table: term, SumSq, MeanSq, NumDF, DenDF, F, p", v => v, null);

    /// <summary><c>--compare-csv</c>.</summary>
    public Option<string?> CompareCsv { get; } = CliOption.Value<string?>("--compare-csv", "FILE",
        "write the model comparison: model, formula, npar, AIC, BIC, logLik, deviance, Chisq, Df, p", v => v, null);

    /// <summary><c>--ranova</c>.</summary>
    public Option<bool> Ranova { get; } = CliOption.Flag("--ranova", "add lmerTest's ranova table (likelihood-ratio tests of the random-effects terms)");

    /// <summary><c>--joint-tests</c>.</summary>
    public Option<bool> JointTests { get; } = CliOption.Flag("--joint-tests", "add emmeans' joint_tests table (F tests of each term over the reference grid)");

    /// <summary><c>--at</c>.</summary>
    public Option<Dictionary<string, double[]>?> At { get; } = CliOption.Value<Dictionary<string, double[]>?>("--at", "X=V1,V2",
        "covariate values of the marginal means' grid, e.g. Days=0,4.5,9 (';' between covariates)", ParseAt, null);

    /// <summary><c>--trend</c>.</summary>
    public Option<string?> Trend { get; } = CliOption.Value<string?>("--trend", "X",
        "marginal means of the slope of covariate X (emmeans' emtrends) instead of means", v => v, null);

    /// <summary><c>--weights</c>.</summary>
    public Option<string?> Weights { get; } = CliOption.Value<string?>("--weights", "COL", "numeric column of prior weights", v => v, null);

    /// <summary><c>--variance</c>.</summary>
    public Option<VarianceFunction?> Variance { get; } = CliOption.Value<VarianceFunction?>("--variance", "FUNCTION",
        "residual variance function (nlme): \"varIdent(~ 1 | f)\", \"varExp(~ x)\", \"varPower(~ x)\"", ParseVariance, null);

    /// <summary><c>--format</c>.</summary>
    public Option<OutputFormat> Format { get; } = CliOption.Value("--format", "text|json", "report format (default text)",
        ParseFormat, OutputFormat.Text);

    /// <summary><c>--ddf</c>.</summary>
    public Option<string> Ddf { get; } = CliOption.Value("--ddf", "METHOD",
        "df of t and F tests: satterthwaite (default), kenward-roger, none (lme4's summary)", ParseDdf, "satterthwaite",
        "satterthwaite", "kenward-roger", "none");

    /// <summary><c>--anova</c>.</summary>
    public Option<AnovaType> Anova { get; } = CliOption.OptionalValue("--anova", "I|II|III",
        "add the ANOVA table of the fixed terms (type III when no type is given)", IsAnovaType, "III", ParseAnovaType);

    /// <summary><c>--emmeans</c>.</summary>
    public Option<string?> Emmeans { get; } = CliOption.Value<string?>("--emmeans", "SPECS",
        "add estimated marginal means, e.g. \"task * stimulus\" or \"task | stimulus\"", ParseSpecs, null);

    /// <summary><c>--by</c>.</summary>
    public Option<string[]> By { get; } = CliOption.Value("--by", "VARS",
        "by-variables of the marginal means, comma- or space-separated", ParseBy, []);

    /// <summary><c>--contrast</c>.</summary>
    public Option<string> Contrast { get; } = CliOption.Value("--contrast", "FAMILY",
        "contrasts among the means: pairwise (default), revpairwise, trt.vs.ctrl, consec, poly, none, \"custom:name=1,-1,0;...\"", ParseContrastFamily, "pairwise",
        ContrastFamilies);

    /// <summary><c>--adjust</c>.</summary>
    public Option<AdjustmentMethod?> Adjust { get; } = CliOption.Value<AdjustmentMethod?>("--adjust", "METHOD",
        "p-value adjustment: tukey, sidak, bonferroni, holm, hochberg, BH, dunnettx, scheffe, mvt (seeded Monte Carlo), none", v => ParseAdjust(v), null,
        "tukey", "sidak", "bonferroni", "holm", "hochberg", "BH", "dunnettx", "scheffe", "mvt", "none");

    /// <summary><c>--level</c>.</summary>
    public Option<double> Level { get; } = CliOption.Value("--level", "P", "confidence level of the intervals (default 0.95)",
        ParseLevel, 0.95);

    /// <summary><c>--compare</c>.</summary>
    public Option<string[]> Compare { get; } = CliOption.Repeated("--compare", "FORMULA",
        "likelihood-ratio test against another model; repeat for lme4's anova(m0, m1, m2)", ParseCompare);

    /// <summary><c>--r2</c>.</summary>
    public Option<bool> R2 { get; } = CliOption.Flag("--r2",
        "add Nakagawa's marginal and conditional R-squared and the ICC (performance::r2_nakagawa, icc)");

    /// <summary><c>--confint</c>.</summary>
    public Option<ConfidenceIntervalMethod?> Confint { get; } = CliOption.Value("--confint", "METHOD",
        "confidence intervals of the parameters: wald, profile, boot (--family: wald only)", ParseConfint, null,
        "wald", "profile", "boot");

    /// <summary><c>--nsim</c>.</summary>
    public Option<int> Nsim { get; } = CliOption.Value("--nsim", "N", "bootstrap replicates of '--confint boot' (default 500)",
        v => ParseInteger(v, "--nsim", 1, 1_000_000), 500);

    /// <summary><c>--seed</c>.</summary>
    public Option<int> Seed { get; } = CliOption.Value("--seed", "S", "seed of '--confint boot' (default 1)",
        v => ParseInteger(v, "--seed", int.MinValue, int.MaxValue), 1);

    /// <summary><c>--ranef-csv</c>.</summary>
    public Option<string?> RanefCsv { get; } = CliOption.Value<string?>("--ranef-csv", "FILE",
        "write conditional modes: group, level, term, value, condsd", v => v, null);

    /// <summary><c>--coef-csv</c>.</summary>
    public Option<string?> CoefCsv { get; } = CliOption.Value<string?>("--coef-csv", "FILE",
        "write per-group coefficients: group, level, one column per coefficient", v => v, null);

    /// <summary><c>--fitted-csv</c>.</summary>
    public Option<string?> FittedCsv { get; } = CliOption.Value<string?>("--fitted-csv", "FILE",
        "write fitted values: row, fitted, residual", v => v, null);

    /// <summary><c>--predict</c>.</summary>
    public Option<string?> Predict { get; } = CliOption.Value<string?>("--predict", "NEWDATA",
        "CSV/TSV file or dataset to predict for (needs --predict-csv)", v => v, null);

    /// <summary><c>--predict-csv</c>.</summary>
    public Option<string?> PredictCsv { get; } = CliOption.Value<string?>("--predict-csv", "FILE",
        "write predictions: row, prediction", v => v, null);

    /// <summary><c>--no-random</c>.</summary>
    public Option<bool> NoRandom { get; } = CliOption.Flag("--no-random", "predict from the fixed effects only");

    /// <summary><c>--type</c>.</summary>
    public Option<GlmmPredictionScale?> Type { get; } = CliOption.Value("--type", "link|response",
        "scale of --family predictions (default response) and marginal means (default link)", ParseScale, null);

    /// <summary><c>--optimizer</c>.</summary>
    public Option<OptimizerChoice> Optimizer { get; } = CliOption.Value("--optimizer", "auto|bobyqa|neldermead|lbfgsb",
        "optimizer of the covariance parameters (default auto: lbfgsb above 3 parameters or for large crossed scalar terms, bobyqa otherwise)", ParseOptimizer,
        OptimizerChoice.Automatic, "auto", "bobyqa", "neldermead", "lbfgsb");

    /// <summary><c>--start</c>.</summary>
    public Option<double[]?> Start { get; } = CliOption.Value<double[]?>("--start", "THETA",
        "start values of theta, comma-separated (lme4's start = list(theta = ...))", ParseStart, null);
    /// <summary><c>--engine</c>.</summary>
    public Option<string?> Engine { get; } = CliOption.Value<string?>("--engine", "memory|duckdb",
        "where the model's cross products are computed: in memory (CSV default) or by DuckDB next to the file (Parquet default)",
        ParseEngine, null, "memory", "duckdb");

    /// <summary><c>--table</c>.</summary>
    public Option<string?> Table { get; } = CliOption.Value<string?>("--table", "NAME",
        "the table to fit when DATA is a database (postgresql://user@host:port/db or clickhouse://user@host:port/db)", v => v, null);

    /// <summary><c>--query</c>.</summary>
    public Option<string?> Query { get; } = CliOption.Value<string?>("--query", "SQL",
        "the query whose rows to fit when DATA is a database (instead of --table)", v => v, null);

    /// <summary><c>--timings</c>.</summary>
    public Option<bool> Timings { get; } = CliOption.Flag("--timings",
        "print the time of each phase (aggregation, optimization) of a SQL fit to standard error");

    /// <summary>Builds the options from a parse without errors.</summary>
    /// <exception cref="CommandLineException">Conflicting options, or an option that needs another one.</exception>
    public FitOptions Build(ParseResult parsed)
    {
        CheckArgumentOrder(parsed.GetRequiredValue(Data), parsed.GetRequiredValue(Formula));
        if (parsed.Given(Ml) && parsed.Given(Reml))
            throw new CommandLineException("options '--ml' and '--reml' cannot be used together");
        var options = new FitOptions
        {
            Data = parsed.GetRequiredValue(Data),
            ReadOptions = Reading.Build(parsed),
            Formula = parsed.GetRequiredValue(Formula),
            Method = parsed.Given(Ml) ? EstimationMethod.MaximumLikelihood : EstimationMethod.Reml,
            Contrasts = DataOptions.GlobalCoding(parsed),
            WeightsColumn = parsed.GetValue(Weights),
            Variance = parsed.GetValue(Variance),
            Format = parsed.GetValue(Format),
            RanefCsv = parsed.GetValue(RanefCsv),
            CoefCsv = parsed.GetValue(CoefCsv),
            FittedCsv = parsed.GetValue(FittedCsv),
            PredictData = parsed.GetValue(Predict),
            PredictCsv = parsed.GetValue(PredictCsv),
            PredictWithoutRandom = parsed.Given(NoRandom),
            Ddf = DdfMethodOf(parsed.GetRequiredValue(Ddf)),
            Anova = parsed.Given(Anova) ? parsed.GetValue(Anova) : null,
            EmmeansSpecs = parsed.GetValue(Emmeans),
            EmmeansBy = parsed.GetValue(By) ?? [],
            ContrastFamily = parsed.GetRequiredValue(Contrast) is var family && family == "none" ? null : family,
            Adjust = parsed.GetValue(Adjust),
            Level = parsed.GetValue(Level),
            Family = parsed.GetValue(Family),
            Link = parsed.GetValue(Link),
            NAgq = parsed.GetValue(NAgq),
            Scale = parsed.GetValue(Type),
            CompareFormulas = parsed.GetValue(Compare) ?? [],
            Ranova = parsed.Given(Ranova),
            CoefficientIntervals = parsed.Given(Ci) ? parsed.GetValue(Ci) : null,
            CoefsCsv = parsed.GetValue(CoefsCsv),
            AugmentCsv = parsed.GetValue(AugmentCsv),
            EmmeansCsv = parsed.GetValue(EmmeansCsv),
            ContrastsCsv = parsed.GetValue(ContrastsCsv),
            AnovaCsv = parsed.GetValue(AnovaCsv),
            CompareCsv = parsed.GetValue(CompareCsv),
            JointTests = parsed.Given(JointTests),
            At = parsed.GetValue(At),
            Trend = parsed.GetValue(Trend),
            ControlLevel = DataOptions.ControlLevel(parsed),
            DdfGiven = parsed.Given(Ddf),
            Confint = parsed.GetValue(Confint),
            Nsim = parsed.GetValue(Nsim),
            Seed = parsed.GetValue(Seed),
            R2 = parsed.Given(R2),
            Optimizer = parsed.GetValue(Optimizer),
            StartTheta = parsed.Given(Start) ? parsed.GetValue(Start) : null,
            Engine = parsed.GetValue(Engine),
            Table = parsed.GetValue(Table),
            Query = parsed.GetValue(Query),
            ShowTimings = parsed.Given(Timings),
        };
        SqlFitChecks.Check(parsed, this, options);
        CheckGeneralized(parsed, options);
        CheckConfint(parsed, options);
        if (options.Ddf == DdfMethod.KenwardRoger && options.Method == EstimationMethod.MaximumLikelihood)
            throw new CommandLineException("'--ddf kenward-roger' needs a REML fit (drop '--ml' or use '--ddf satterthwaite')");
        CheckWorkflow(options);
        if (options.Ddf == DdfMethod.KenwardRoger && options.Variance is not null and not VarIdent)
            throw new CommandLineException(
                $"'--ddf kenward-roger' needs a covariance linear in its parameters: '--variance {options.Variance}' is not (varIdent is; use '--ddf satterthwaite')");
        if (options.Variance is not null && options.Confint is ConfidenceIntervalMethod confint && confint != ConfidenceIntervalMethod.Wald)
            throw new CommandLineException(
                $"'--confint {ConfidenceIntervalReportName(confint)}' is not available with '--variance' (use '--confint wald')");
        if (options.Variance is not null && options.CoefficientIntervals is ConfidenceIntervalMethod ci && ci != ConfidenceIntervalMethod.Wald)
            throw new CommandLineException(
                $"'--ci {ConfidenceIntervalReportName(ci)}' is not available with '--variance' (use '--ci wald')");
        foreach (var option in new Option[] { By, Contrast, Adjust, At, Trend })
            if (parsed.Given(option) && options.EmmeansSpecs is null)
                throw new CommandLineException($"option '{option.Name}' needs '--emmeans SPECS'");
        if (parsed.Given(Adjust) && options.ContrastFamily is null)
            throw new CommandLineException("option '--adjust' has no contrasts to adjust with '--contrast none'");
        if (options.PredictData is not null && options.PredictCsv is null)
            throw new CommandLineException("option '--predict' needs '--predict-csv FILE'");
        if (options.PredictCsv is not null && options.PredictData is null)
            throw new CommandLineException("option '--predict-csv' needs '--predict NEWDATA'");
        if (options.PredictWithoutRandom && options.PredictData is null)
            throw new CommandLineException("option '--no-random' needs '--predict NEWDATA'");
        return options;
    }

        /// <summary>A formula where the data go (and no such file): says so, and whether the two look swapped.</summary>
    private static void CheckArgumentOrder(string data, string formula)
    {
        if (!data.Contains('~', StringComparison.Ordinal) || File.Exists(data)) return;
        throw new CommandLineException(formula.Contains('~', StringComparison.Ordinal)
            ? $"DATA '{data}' is a formula, not a file or dataset name (usage: mixed fit DATA FORMULA [options])"
            : $"DATA and FORMULA are swapped: '{data}' is a formula and '{formula}' the data (usage: mixed fit DATA FORMULA [options])");
    }

    private void CheckGeneralized(ParseResult parsed, FitOptions options)
    {
        if (!options.IsGeneralized)
        {
            foreach (var option in new Option[] { Link, NAgq, Type })
                if (parsed.Given(option)) throw new CommandLineException($"option '{option.Name}' needs '--family binomial|poisson'");
            return;
        }
        GlmFamily.Create(options.Family!, options.Link);
        foreach (var option in new Option[] { Reml, Ddf, Anova, Optimizer, Start, Ranova, JointTests, At, Trend, Ci, AugmentCsv, Variance })
            if (parsed.Given(option))
                throw new CommandLineException($"option '{option.Name}' applies to linear mixed models only, not with '--family'");
        if (options.Confint is ConfidenceIntervalMethod method && method != ConfidenceIntervalMethod.Wald)
            throw new CommandLineException(
                $"'--confint {ConfidenceIntervalReportName(method)}' is not available with '--family' (use '--confint wald')");
        if (parsed.Given(Type) && options.PredictData is null && options.EmmeansSpecs is null)
            throw new CommandLineException("option '--type' needs '--predict NEWDATA' or '--emmeans SPECS'");
    }

    private static void CheckWorkflow(FitOptions options)
    {
        if (options.IsGeneralized && options.CompareFormulas.Count > 1)
            throw new CommandLineException("repeated '--compare' is available for linear mixed models only (give one with '--family')");
        if (options.CoefsCsv is not null && options.CoefficientIntervals is null)
            throw new CommandLineException("option '--coefs-csv' needs '--ci'");
        if (options.ControlLevel is not null && options.ContrastFamily != "trt.vs.ctrl")
            throw new CommandLineException($"'--ref {options.ControlLevel}' sets the control of '--contrast trt.vs.ctrl'; to relevel a factor write '--ref FACTOR={options.ControlLevel}'");
    }

    private static Dictionary<string, double[]> ParseAt(string value)
    {
        var at = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            var numbers = eq <= 0 ? null : part[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries)
                .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : double.NaN).ToArray();
            if (numbers is null || numbers.Length == 0 || numbers.Any(double.IsNaN))
                throw new CommandLineException($"option '--at' needs X=V1,V2 with numbers (several covariates separated by ';'), got '{part}'");
            at[part[..eq].Trim()] = numbers;
        }
        if (at.Count == 0) throw new CommandLineException("option '--at' needs X=V1,V2 with numbers");
        return at;
    }

    private void CheckConfint(ParseResult parsed, FitOptions options)
    {
        foreach (var option in new Option[] { Nsim, Seed })
            if (parsed.Given(option) && options.Confint != ConfidenceIntervalMethod.Bootstrap)
                throw new CommandLineException($"option '{option.Name}' needs '--confint boot'");
    }

    private static string ConfidenceIntervalReportName(ConfidenceIntervalMethod method) =>
        Reporting.ConfidenceIntervalReport.MethodName(method);

    private static string? ParseEngine(string value) => value.Trim().ToLowerInvariant() switch
    {
        "memory" => "memory",
        "duckdb" => "duckdb",
        _ => throw new CommandLineException($"unknown engine '{value}' (expected memory or duckdb)"),
    };

    private static string ParseFamily(string value)
    {
        string family = value.Trim().ToLowerInvariant();
        if (!GlmFamily.Names.Contains(family))
            throw new CommandLineException($"unknown family '{value}' (expected {string.Join(" or ", GlmFamily.Names)})");
        return family;
    }

    private static GlmmPredictionScale? ParseScale(string value) => value.Trim().ToLowerInvariant() switch
    {
        "response" => GlmmPredictionScale.Response,
        "link" => GlmmPredictionScale.Link,
        _ => throw new CommandLineException($"unknown type '{value}' (expected link or response)"),
    };

    private static string ParseCompare(string value)
    {
        if (value.Trim().Length == 0) throw new CommandLineException("option '--compare' needs a formula, e.g. \"Reaction ~ 1 + (1 | Subject)\"");
        return value;
    }

    /// <summary>The value of <c>--variance</c>; a malformed function is a command-line error naming the option.</summary>
    internal static VarianceFunction? ParseVariance(string value)
    {
        try
        {
            return VarianceFunction.Parse(value);
        }
        catch (ModelSpecificationException e)
        {
            throw new CommandLineException($"option '--variance': {e.Message}");
        }
    }

    private static ConfidenceIntervalMethod? ParseConfint(string value) => value.Trim().ToLowerInvariant() switch
    {
        "wald" => ConfidenceIntervalMethod.Wald,
        "profile" => ConfidenceIntervalMethod.Profile,
        "boot" or "bootstrap" => ConfidenceIntervalMethod.Bootstrap,
        _ => throw new CommandLineException($"unknown interval method '{value}' (expected wald, profile or boot)"),
    };

    private static int ParseInteger(string value, string option, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new CommandLineException(min == int.MinValue
                ? $"option '{option}' needs an integer, got '{value}'"
                : $"option '{option}' needs an integer from {min} to {max}, got '{value}'");
        return n;
    }

    private static OptimizerChoice ParseOptimizer(string value) => value.ToLowerInvariant() switch
    {
        "bobyqa" => OptimizerChoice.Bobyqa,
        "neldermead" => OptimizerChoice.NelderMead,
        "lbfgsb" => OptimizerChoice.LBfgsB,
        "auto" => OptimizerChoice.Automatic,
        _ => throw new CommandLineException($"unknown optimizer '{value}' (expected auto, bobyqa, neldermead or lbfgsb)"),
    };

    private static double[] ParseStart(string value) => value.Split(',', StringSplitOptions.TrimEntries).Select(part =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new CommandLineException($"option '--start' expects finite numbers separated by commas, got '{part}' in '{value}'")).ToArray();

    // the parser keeps names for these two: it cannot hand a null (for "none") from a parse function to the caller
    private static string ParseDdf(string value) => value.ToLowerInvariant() switch
    {
        "satterthwaite" => "satterthwaite",
        "kenward-roger" or "kr" => "kenward-roger",
        "none" => "none",
        _ => throw new CommandLineException($"unknown ddf method '{value}' (expected satterthwaite, kenward-roger or none)"),
    };

    private static DdfMethod? DdfMethodOf(string name) => name switch
    {
        "kenward-roger" => DdfMethod.KenwardRoger,
        "none" => null,
        _ => DdfMethod.Satterthwaite,
    };

    private static bool IsAnovaType(string value) =>
        value.Length > 0 && value.All(c => "IVXivx0123456789".Contains(c, StringComparison.Ordinal));

    private static AnovaType ParseAnovaType(string value) => value.ToUpperInvariant() switch
    {
        "III" or "3" => AnovaType.III,
        "II" or "2" => AnovaType.II,
        "I" or "1" => AnovaType.I,
        _ => throw new CommandLineException($"unknown ANOVA type '{value}' (expected I, II or III)"),
    };

    private static string ParseSpecs(string value)
    {
        if (value.Trim().Length == 0) throw new CommandLineException("option '--emmeans' needs variable names, e.g. \"task * stimulus\"");
        return value;
    }

    private static string[] ParseBy(string value)
    {
        var names = value.Split([',', ' ', '*', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new CommandLineException("option '--by' needs variable names");
        return names;
    }

    private static string ParseContrastFamily(string value)
    {
        string family = value.Trim().ToLowerInvariant();
        if (family.StartsWith("custom:", StringComparison.Ordinal)) return value.Trim();
        if (!ContrastFamilies.Contains(family))
            throw new CommandLineException($"unknown contrast family '{value}' (expected {string.Join(", ", ContrastFamilies)})");
        return family;
    }

    private static AdjustmentMethod ParseAdjust(string value)
    {
        try
        {
            return PValueAdjustment.Parse(value);
        }
        catch (MixedEffectsException)
        {
            throw new CommandLineException(
                $"unknown adjustment '{value}' (expected tukey, sidak, bonferroni, holm, hochberg, BH, fdr, dunnettx, scheffe, mvt or none)");
        }
    }

    private static double ParseLevel(string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double level) || !(level > 0 && level < 1))
            throw new CommandLineException($"confidence level '{value}' is not a number between 0 and 1 (e.g. 0.95)");
        return level;
    }

    /// <summary>The value of <c>--format</c>: text or json.</summary>
    internal static OutputFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        _ => throw new CommandLineException($"unknown format '{value}' (expected text or json)"),
    };
}

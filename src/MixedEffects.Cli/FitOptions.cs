using MixedEffects.Optimization;
using MixedEffects.Design;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;

namespace MixedEffects.Cli;

/// <summary>The options of <c>mixed fit</c>, parsed from the command line.</summary>
internal sealed record FitOptions
{
    /// <summary>A CSV/TSV path or built-in dataset name.</summary>
    public required string Data { get; init; }

    /// <summary>How to read a data file (delimiter, decimal mark, encoding, factor columns).</summary>
    public Data.CsvReadOptions ReadOptions { get; init; } = new();

    /// <summary>The model formula.</summary>
    public required string Formula { get; init; }

    /// <summary><c>memory</c>, <c>duckdb</c>, or null to decide from the data (Parquet and databases: SQL).</summary>
    public string? Engine { get; init; }

    /// <summary>The database table to fit, or null.</summary>
    public string? Table { get; init; }

    /// <summary>The database query whose rows to fit, or null.</summary>
    public string? Query { get; init; }

    /// <summary>Print the phases' times of a SQL fit to standard error.</summary>
    public bool ShowTimings { get; init; }

    /// <summary>True when the cross products are computed by a SQL engine (DuckDB or a database) rather than in memory.</summary>
    public bool IsSql => Engine == "duckdb" || (Engine is null && (Sql.DatabaseSource.IsDatabaseUri(Data)
        || Data.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || Data.EndsWith(".parq", StringComparison.OrdinalIgnoreCase)));

    /// <summary>REML (default) or ML.</summary>
    public EstimationMethod Method { get; init; } = EstimationMethod.Reml;

    /// <summary>Factor coding.</summary>
    public ContrastCoding Contrasts { get; init; } = ContrastCoding.Treatment;

    /// <summary>Column of prior weights, or null.</summary>
    public string? WeightsColumn { get; init; }

    /// <summary>Residual variance function (<c>--variance</c>), or null for one residual variance.</summary>
    public Variance.VarianceFunction? Variance { get; init; }

    /// <summary>Text or JSON report.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>File for the conditional modes, or null.</summary>
    public string? RanefCsv { get; init; }

    /// <summary>File for the per-group coefficients, or null.</summary>
    public string? CoefCsv { get; init; }

    /// <summary>File for fitted values and residuals, or null.</summary>
    public string? FittedCsv { get; init; }

    /// <summary>New data to predict for (path or dataset name), or null.</summary>
    public string? PredictData { get; init; }

    /// <summary>File for the predictions, or null.</summary>
    public string? PredictCsv { get; init; }

    /// <summary>Predict without random effects (population level).</summary>
    public bool PredictWithoutRandom { get; init; }

    /// <summary>Denominator df method of the t and F tests; null for none (lme4's plain summary).</summary>
    public DdfMethod? Ddf { get; init; } = DdfMethod.Satterthwaite;

    /// <summary>Add Nakagawa's R-squared and the ICC to the report.</summary>
    public bool R2 { get; init; }

    /// <summary>The ANOVA table to add, or null for none.</summary>
    public AnovaType? Anova { get; init; }

    /// <summary>emmeans' specification of the marginal means to add (e.g. <c>task * stimulus</c>), or null.</summary>
    public string? EmmeansSpecs { get; init; }

    /// <summary>By-variables of the marginal means.</summary>
    public IReadOnlyList<string> EmmeansBy { get; init; } = [];

    /// <summary>The contrast family among the marginal means (emmeans' name), or null for none.</summary>
    public string? ContrastFamily { get; init; } = "pairwise";

    /// <summary>The p-value adjustment of the contrasts; null for the family's default.</summary>
    public AdjustmentMethod? Adjust { get; init; }

    /// <summary>Confidence level of the intervals of fixed effects, marginal means and <c>--confint</c>.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>The family of a generalized model (<c>binomial</c>, <c>poisson</c>), or null for a linear mixed model.</summary>
    public string? Family { get; init; }

    /// <summary>The link of a generalized model, or null for the family's canonical link.</summary>
    public string? Link { get; init; }

    /// <summary>Quadrature points of a generalized model (1 = Laplace).</summary>
    public int NAgq { get; init; } = 1;

    /// <summary>Scale of a generalized model's predictions and marginal means, or null for the defaults (see the two properties below).</summary>
    public GlmmPredictionScale? Scale { get; init; }

    /// <summary>Scale of a generalized model's predictions: response unless <c>--type link</c>.</summary>
    public GlmmPredictionScale PredictionScale => Scale ?? GlmmPredictionScale.Response;

    /// <summary>Scale of a generalized model's marginal means: link (emmeans' default) unless <c>--type response</c>.</summary>
    public MarginalScale MeansScale => Scale == GlmmPredictionScale.Response ? MarginalScale.Response : MarginalScale.Link;

    /// <summary>Formula of the null model of a likelihood-ratio test, or null for none.</summary>
    public string? CompareFormula => CompareFormulas.Count > 0 ? CompareFormulas[0] : null;

    /// <summary>Formulas of the models to compare with (repeated --compare).</summary>
    public IReadOnlyList<string> CompareFormulas { get; init; } = [];

    /// <summary>File for the augmented data (--augment-csv), or null.</summary>
    public string? AugmentCsv { get; init; }

    /// <summary>Files for the marginal means, contrasts, ANOVA and comparison tables (--emmeans-csv etc.), or null.</summary>
    public string? EmmeansCsv { get; init; }

    /// <summary>File for the contrasts of the marginal means, or null.</summary>
    public string? ContrastsCsv { get; init; }

    /// <summary>File for the ANOVA table, or null.</summary>
    public string? AnovaCsv { get; init; }

    /// <summary>File for the model comparison table, or null.</summary>
    public string? CompareCsv { get; init; }

    /// <summary>The method of the confidence limits in the coefficient table (--ci), or null when not asked for.</summary>
    public ConfidenceIntervalMethod? CoefficientIntervals { get; init; }

    /// <summary>File for the coefficient table of --ci, or null.</summary>
    public string? CoefsCsv { get; init; }

    /// <summary>Whether to add lmerTest's ranova table.</summary>
    public bool Ranova { get; init; }

    /// <summary>Whether to add emmeans' joint tests.</summary>
    public bool JointTests { get; init; }

    /// <summary>Covariate values of the reference grid (--at), or null.</summary>
    public IReadOnlyDictionary<string, double[]>? At { get; init; }

    /// <summary>The covariate of emtrends (--trend), or null for means.</summary>
    public string? Trend { get; init; }

    /// <summary>The control level of trt.vs.ctrl contrasts (--ref LEVEL), or null for the first.</summary>
    public string? ControlLevel { get; init; }

    /// <summary>True when --ddf was given (then marginal means use it; otherwise emmeans' own default).</summary>
    public bool DdfGiven { get; init; }

    /// <summary>The method of the parameters' confidence intervals, or null for none.</summary>
    public ConfidenceIntervalMethod? Confint { get; init; }

    /// <summary>Number of bootstrap replicates of <c>--confint boot</c>.</summary>
    public int Nsim { get; init; } = 500;

    /// <summary>Seed of <c>--confint boot</c>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Optimizer of theta (<c>--optimizer</c>).</summary>
    public OptimizerChoice Optimizer { get; init; } = OptimizerChoice.Automatic;

    /// <summary>Start values of theta (<c>--start</c>), or null for lme4's default.</summary>
    public IReadOnlyList<double>? StartTheta { get; init; }

    /// <summary>True for a generalized linear mixed model (<c>--family</c> given).</summary>
    public bool IsGeneralized => Family is not null;

    /// <summary>The library options of a generalized model these command-line options stand for.</summary>
    public GeneralizedLinearMixedModelOptions ToGeneralizedModelOptions() => new()
    {
        Family = Family ?? "binomial",
        Link = Link,
        NAgq = NAgq,
        WeightsColumn = WeightsColumn,
        Contrasts = Contrasts,
    };

    /// <summary>The library options these command-line options stand for.</summary>
    public LinearMixedModelOptions ToModelOptions() => new()
    {
        Method = Method,
        Contrasts = Contrasts,
        WeightsColumn = WeightsColumn,
        Algorithm = Optimizer,
        StartTheta = StartTheta,
        Variance = Variance,
    };
}

using System.CommandLine;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Reporting;
using MixedEffects.Variance;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed gls DATA FORMULA [--variance FUNCTION] [--ml]</c>: a linear model without random effects whose residual
/// variance follows nlme's varIdent, varExp or varPower, fitted by REML (default) or ML, printed as nlme's
/// <c>summary(gls(...))</c>, with the model commands' data options.
/// </summary>
internal sealed class GeneralizedLeastSquaresCommand : DocumentedCommand
{
    private readonly DataPreparation _data = new();
    private readonly Argument<string> _dataArgument = new("DATA") { Description = "CSV/TSV file, or a built-in dataset name (see 'mixed datasets')" };
    private readonly Argument<string> _formula = new("FORMULA") { Description = "model formula without random-effects terms, e.g. \"distance ~ age + Sex\"" };
    private readonly Option<VarianceFunction?> _variance = CliOption.Value<VarianceFunction?>("--variance", "FUNCTION",
        "residual variance function (nlme): \"varIdent(~ 1 | f)\", \"varExp(~ x)\", \"varPower(~ x)\"; x may be fitted(.)",
        FitOptionsParser.ParseVariance, null);
    private readonly Option<bool> _reml = CliOption.Flag("--reml", "fit by restricted maximum likelihood (the default)");
    private readonly Option<bool> _ml = CliOption.Flag("--ml", "fit by maximum likelihood");
    private readonly Option<OutputFormat> _format = CliOption.Value("--format", "text|json", "report format (default text)",
        FitOptionsParser.ParseFormat, OutputFormat.Text);

    /// <summary>Creates <c>mixed gls</c>.</summary>
    public GeneralizedLeastSquaresCommand() : base("gls",
        "generalized least squares (nlme's gls): no random effects, a residual variance function",
        "Fits FORMULA (no random-effects terms) with the residual variance function of --variance by REML\n"
        + "(or ML with --ml) and prints nlme's summary(gls(...)): AIC, BIC, logLik, the variance function's\n"
        + "estimates, the coefficients with t tests on n - p df, the residual standard error.")
    {
        Arguments.Add(_dataArgument);
        Arguments.Add(_formula);
        foreach (var option in new Option[] { _variance, _reml, _ml, _format }.Concat(_data.Options)) Options.Add(option);
        SetAction(Run);
    }

    /// <inheritdoc/>
    public override string ExtraArgumentHint => " (quote the formula as one argument)";

    private int Run(ParseResult parsed)
    {
        if (parsed.GetValue(_reml) && parsed.GetValue(_ml))
            throw new CommandLineException("'--reml' and '--ml' cannot be combined");
        var stdout = parsed.InvocationConfiguration.Output;
        string source = parsed.GetRequiredValue(_dataArgument);
        var data = _data.Apply(DatasetLoader.Load(source), parsed);
        var options = new LinearMixedModelOptions
        {
            Method = parsed.GetValue(_ml) ? EstimationMethod.MaximumLikelihood : EstimationMethod.Reml,
            Variance = parsed.GetValue(_variance),
            Contrasts = _data.GlobalCoding(parsed),
        };
        var fit = GeneralizedLeastSquares.Fit(parsed.GetRequiredValue(_formula), data, options);
        stdout.Write(parsed.GetValue(_format) == OutputFormat.Json
            ? JsonReport.Serialize(GeneralizedLeastSquaresReport.Build(fit)) + "\n"
            : GeneralizedLeastSquaresTextReport.Summary(fit, source));
        return ExitCodes.Success;
    }
}

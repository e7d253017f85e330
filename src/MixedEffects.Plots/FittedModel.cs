using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Models;

namespace MixedEffects.Plots;

/// <summary>
/// What the plots read from a linear or generalized fit and its data: the observations used, response, fitted values
/// and residuals on the response scale, grouping factors, the first covariate, and the fit's public results.
/// </summary>
internal sealed class FittedModel
{
    private readonly ModelFrame _frame;

    public FittedModel(LinearMixedModelFit fit, Dataset data)
        : this(fit.Formula, data, fit.Options.WeightsColumn, fit.Fitted(), fit.Residuals(), null, fit.Terms)
    {
        Linear = fit;
        RandomEffects = fit.RandomEffects();
        Coefficients = fit.Coefficients();
        FixedEffectNames = fit.FixedEffectNames;
        FixedEffectEstimates = fit.FixedEffects.Select(f => f.Estimate).ToArray();
    }

    public FittedModel(GeneralizedLinearMixedModelFit fit, Dataset data)
        : this(fit.Formula, data, null, fit.Fitted(), Difference(fit.Response(), fit.Fitted()), fit.Family, fit.Terms)
    {
        Generalized = fit;
        RandomEffects = fit.RandomEffects();
        Coefficients = fit.Coefficients();
        FixedEffectNames = fit.FixedEffectNames;
        FixedEffectEstimates = fit.FixedEffects.Select(f => f.Estimate).ToArray();
    }

    private FittedModel(string formula, Dataset data, string? weightsColumn, double[] fitted, double[] residuals, GlmFamily? family,
        IReadOnlyList<RandomEffectsTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(data);
        _frame = ModelFrame.Build(ModelSpecification.FromFormula(formula), data, weightsColumn);
        if (_frame.RowCount != fitted.Length)
            throw new PlotException($"the data '{data.Source}' have {_frame.RowCount} usable rows for '{formula}' but the model was fitted to {fitted.Length}: pass the data the model was fitted to");
        Formula = formula;
        Fitted = fitted;
        Residuals = residuals;
        Response = fitted.Select((f, i) => f + residuals[i]).ToArray();
        Family = family;
        Groups = terms.DistinctBy(t => t.GroupName)
            .Select(t => Grouping(_frame.Specification.Random.First(r => r.GroupName == t.GroupName), t)).ToArray();
        ResponseName = ResponseLabel(_frame.Specification.Response, family);
        X = FirstCovariate();
    }

    public LinearMixedModelFit? Linear { get; }

    public GeneralizedLinearMixedModelFit? Generalized { get; }

    public string Formula { get; }

    public GlmFamily? Family { get; }

    public int Count => Fitted.Length;

    public double[] Response { get; }

    public double[] Fitted { get; }

    public double[] Residuals { get; }

    public string ResponseName { get; }

    /// <summary>The response as written in the formula (<c>Reaction</c>, <c>cbind(incidence, size - incidence)</c>).</summary>
    public string ResponseVariable => _frame.Specification.Response?.Name ?? "";

    public string ResidualName => Family is null ? "Residuals" : "Response residuals";

    public string FittedName => Family is null ? "Fitted values" : Family.Distribution == GlmDistribution.Binomial ? "Fitted probability" : "Fitted rate";

    public IReadOnlyList<GroupingFactor> Groups { get; }

    public PanelVariable? X { get; }

    public IReadOnlyList<RandomEffectsTable> RandomEffects { get; } = [];

    public IReadOnlyList<RandomEffectsTable> Coefficients { get; } = [];

    public IReadOnlyList<string> FixedEffectNames { get; } = [];

    public double[] FixedEffectEstimates { get; } = [];

    public Dataset Data => _frame.Data;

    /// <summary>Rows of the data used in the fit.</summary>
    public int[] Rows => _frame.Rows;

    /// <summary>The first grouping factor (the panels of a pooling plot).</summary>
    public GroupingFactor FirstGroup => Groups[0];

    private static double[] Difference(double[] a, double[] b) => a.Select((v, i) => v - b[i]).ToArray();

    private static string ResponseLabel(ModelVariable? response, GlmFamily? family)
    {
        if (response is null) return "Response";
        if (response.Expression is CallExpression { Function: "cbind" } cb && cb.Arguments.Count == 2)
            return $"{cb.Arguments[0].ToRString()} (proportion)";
        return family?.Distribution == GlmDistribution.Binomial ? $"{response.Name} (proportion)" : response.Name;
    }

    private PanelVariable? FirstCovariate()
    {
        var variables = _frame.Specification.Fixed.Terms.Where(t => t.Order == 1).Select(t => t.Variables[0]).ToArray();
        var numeric = variables.Select(v => _frame[v]).OfType<NumericValues>().FirstOrDefault();
        if (numeric is not null) return new PanelVariable(numeric.Name, (double[])numeric.Values.Clone(), null);
        var factor = variables.Select(v => _frame[v]).OfType<FactorValues>().FirstOrDefault();
        return factor is null ? null : new PanelVariable(factor.Name, factor.Codes.Select(c => (double)c).ToArray(), factor.Levels);
    }

    private GroupingFactor Grouping(RandomEffectsSpec spec, RandomEffectsTerm term)
    {
        var factors = spec.Grouping.Select(g => _frame[g] switch
        {
            FactorValues f => f,
            NumericValues nv => NumericFactor(nv),
            _ => throw new PlotException($"grouping variable '{g.Name}' is neither numeric nor text"),
        }).ToList();
        var combined = factors.Count == 1 ? factors[0] : VariableEvaluator.Interaction(factors);
        var index = term.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var codes = combined.Codes.Select(c => index.TryGetValue(combined.Levels[c], out int k) ? k
            : throw new PlotException($"level '{combined.Levels[c]}' of '{spec.GroupName}' is not a level of the fitted model")).ToArray();
        return new GroupingFactor(term.GroupName, term.Levels, codes);
    }

    private static FactorValues NumericFactor(NumericValues nv)
    {
        var distinct = nv.Values.Distinct().OrderBy(v => v).ToArray();
        var index = distinct.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        return new FactorValues(nv.Name, distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
            nv.Values.Select(v => index[v]).ToArray());
    }
}

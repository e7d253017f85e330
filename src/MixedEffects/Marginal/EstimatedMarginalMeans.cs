using System.Globalization;
using MixedEffects.Design;

namespace MixedEffects.Marginal;

/// <summary>
/// Estimated marginal means (emmeans' <c>emmGrid</c> summary): one row per combination of the levels of the
/// primary variables and by-variables (first variable varying fastest), averaged over the other factors.
/// Contrasts among them are made with <see cref="Contrast(string, AdjustmentMethod?, int)"/>.
/// </summary>
public sealed class EstimatedMarginalMeans
{
    private readonly MarginalModelInfo _model;
    private readonly double[]?[] _linearFunctions;
    private readonly string[][] _levels;

    internal EstimatedMarginalMeans(MarginalModelInfo model, IReadOnlyList<string> primary, IReadOnlyList<string> by,
        double[]?[] linearFunctions, string[][] levels, IReadOnlyList<string> averagedOver, IReadOnlyList<string> notes,
        double level, MarginalScale scale, string? estimateName = null)
    {
        _model = model;
        _linearFunctions = linearFunctions;
        _levels = levels;
        PrimaryVariables = primary;
        ByVariables = by;
        AveragedOver = averagedOver;
        Notes = notes;
        ConfidenceLevel = level;
        Scale = scale;
        bool back = BackTransformed;
        EstimateName = estimateName ?? (back ? model.Link.ResponseEstimateName(model.Family) : "emmean");
        var covariance = model.Inference.Covariance;
        double? nullValue = back ? model.Link.Inverse(0) : null;
        var variables = primary.Concat(by).ToArray();
        Rows = linearFunctions.Select((l, i) =>
        {
            var e = LinearEstimate.Evaluate(model, covariance, l);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int k = 0; k < variables.Length; k++) names[variables[k]] = levels[i][k];
            double cv = -Distributions.ProbabilityFunctions.StudentTQuantile(0.5 * (1 - level), e.DegreesOfFreedom);
            double lo = e.Estimate - cv * e.StandardError, hi = e.Estimate + cv * e.StandardError;
            double est = e.Estimate, se = e.StandardError;
            if (back)
            {
                est = model.Link.Inverse(e.Estimate);
                se = Math.Abs(model.Link.InverseDerivative(e.Estimate)) * e.StandardError;
                (lo, hi) = Ordered(model.Link.Inverse(lo), model.Link.Inverse(hi));
            }
            return new MarginalMean(names, est, se, e.DegreesOfFreedom, lo, hi, e.Statistic, e.PValue, nullValue);
        }).ToArray();
        Messages = MarginalMessages.Build(model, averagedOver, LinkScaleName, level, null, null, back);
    }

    /// <summary>The primary variables (emmeans' <c>specs</c> without by-variables).</summary>
    public IReadOnlyList<string> PrimaryVariables { get; }

    /// <summary>The by-variables: each combination of their levels is a separate family for contrasts.</summary>
    public IReadOnlyList<string> ByVariables { get; }

    /// <summary>The factors averaged over.</summary>
    public IReadOnlyList<string> AveragedOver { get; }

    /// <summary>The rows in emmeans' order.</summary>
    public IReadOnlyList<MarginalMean> Rows { get; }

    /// <summary>
    /// emmeans' name of the estimate column: <c>emmean</c>, <c>prob</c>/<c>rate</c>/<c>response</c> when back-transformed,
    /// or <c>x.trend</c> for the slopes of <see cref="Emmeans.Trends(MixedEffects.Models.LinearMixedModelFit, string, string, IReadOnlyList{string}?, MarginalWeighting, IReadOnlyDictionary{string, double[]}?, MixedEffects.Inference.IContrastInference?, double)"/>.
    /// </summary>
    public string EstimateName { get; }

    /// <summary>Degrees-of-freedom method: kenward-roger, satterthwaite or asymptotic.</summary>
    public string DegreesOfFreedomMethod => _model.DegreesOfFreedomLabel;

    /// <summary>The confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The scale of the estimates.</summary>
    public MarginalScale Scale { get; }

    /// <summary>emmeans' annotation lines (averaging, df method, confidence level, back-transformation).</summary>
    public IReadOnlyList<string> Messages { get; }

    /// <summary>emmeans' notes from the call, e.g. <c>NOTE: Results may be misleading due to involvement in interactions</c>.</summary>
    public IReadOnlyList<string> Notes { get; }

    internal bool BackTransformed => Scale == MarginalScale.Response && !_model.Link.IsIdentity;

    internal string? LinkScaleName => _model.Link.IsIdentity ? null : _model.Link.Name;

    /// <summary>
    /// Contrasts of a named family within each by-group, as emmeans' <c>contrast(emm, method, adjust)</c>:
    /// pairwise (Tukey), revpairwise (Tukey), trt.vs.ctrl (dunnettx; <paramref name="reference"/> is the 0-based
    /// control), consec (mvt, by seeded Monte Carlo), poly (none).
    /// </summary>
    /// <param name="method">The family's emmeans name.</param>
    /// <param name="adjust">The multiplicity adjustment; null for the family's default.</param>
    /// <param name="reference">trt.vs.ctrl's control level (0-based position among the means of a group).</param>
    /// <exception cref="ModelSpecificationException">Unknown method.</exception>
    public MarginalContrasts Contrast(string method = "pairwise", AdjustmentMethod? adjust = null, int reference = 0)
    {
        ArgumentNullException.ThrowIfNull(method);
        var labels = GroupLabels();
        return MarginalContrastBuilder.Build(this, _model, g => ContrastMethods.Build(method, labels[g], reference), adjust);
    }

    /// <summary>
    /// Custom contrasts within each by-group: each named vector has one coefficient per mean of a group (in row
    /// order); not adjusted unless <paramref name="adjust"/> says so (emmeans' default for coefficient lists).
    /// </summary>
    /// <param name="coefficients">Contrast name to coefficients, in the order the contrasts are reported.</param>
    /// <param name="adjust">The multiplicity adjustment; null for none.</param>
    /// <exception cref="ModelSpecificationException">A vector of the wrong length.</exception>
    public MarginalContrasts Contrast(IReadOnlyList<KeyValuePair<string, double[]>> coefficients, AdjustmentMethod? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        int size = GroupSize;
        foreach (var (name, c) in coefficients)
            if (c.Length != size)
                throw new ModelSpecificationException($"contrast '{name}' has {c.Length} coefficients; each group has {size} means");
        var set = new ContrastSet(coefficients.Select(p => p.Key).ToArray(), coefficients.Select(p => (double[])p.Value.Clone()).ToArray(),
            AdjustmentMethod.None, IsPairwise: false);
        return MarginalContrastBuilder.Build(this, _model, _ => set, adjust);
    }

    /// <summary>
    /// Interaction contrasts (emmeans' <c>contrast(emm, interaction = methods)</c>): one method per primary variable,
    /// each applied to that variable's levels, and the products of their coefficients; names join the
    /// component names with a space. Not adjusted unless <paramref name="adjust"/> says so.
    /// </summary>
    /// <param name="methods">One family name per primary variable (pairwise, revpairwise, trt.vs.ctrl, consec, poly).</param>
    /// <param name="adjust">The multiplicity adjustment; null for none.</param>
    /// <exception cref="ModelSpecificationException">The number of methods differs from the number of primary variables.</exception>
    public MarginalContrasts InteractionContrast(IReadOnlyList<string> methods, AdjustmentMethod? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(methods);
        if (methods.Count != PrimaryVariables.Count)
            throw new ModelSpecificationException($"interaction contrasts need one method per primary variable ({PrimaryVariables.Count}), got {methods.Count}");
        int p = PrimaryVariables.Count;
        var levelLists = Enumerable.Range(0, p).Select(k => _levels.Select(r => r[k]).Distinct().ToArray()).ToArray();
        var sets = Enumerable.Range(0, p).Select(k => ContrastMethods.Build(methods[k], Enhance(levelLists[k], PrimaryVariables[k]))).ToArray();
        var names = new List<string>();
        var coef = new List<double[]>();
        int size = GroupSize;
        foreach (var combination in ModelMatrixBuilder.Combinations(sets.Select(s => s.Names.Count).ToArray()))
        {
            var c = new double[size];
            for (int i = 0; i < size; i++)
            {
                double v = 1;
                for (int k = 0; k < p; k++) v *= sets[k].Coefficients[combination[k]][Array.IndexOf(levelLists[k], _levels[i][k])];
                c[i] = v;
            }
            names.Add(string.Join(" ", combination.Select((j, k) => sets[k].Names[j])));
            coef.Add(c);
        }
        var set = new ContrastSet(names, coef, AdjustmentMethod.None, IsPairwise: false);
        return MarginalContrastBuilder.Build(this, _model, _ => set, adjust);
    }

    internal double[]? LinearFunction(int row) => _linearFunctions[row];

    internal int GroupSize => _levels.Length / Math.Max(1, GroupCount);

    internal int GroupCount
    {
        get
        {
            int byStart = PrimaryVariables.Count;
            return _levels.Select(r => string.Join("\u0001", r.Skip(byStart))).Distinct().Count();
        }
    }

    internal IReadOnlyDictionary<string, string> ByLevels(int group)
    {
        var row = _levels[group * GroupSize];
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int k = 0; k < ByVariables.Count; k++) d[ByVariables[k]] = row[PrimaryVariables.Count + k];
        return d;
    }

    /// <summary>Labels of the means of each by-group as emmeans builds them (enhanced numeric levels, parentheses).</summary>
    private string[][] GroupLabels()
    {
        int p = PrimaryVariables.Count;
        var columns = Enumerable.Range(0, p)
            .Select(k => Enhance(_levels.Select(r => r[k]).ToArray(), PrimaryVariables[k])).ToArray();
        var all = Enumerable.Range(0, _levels.Length).Select(i => string.Join(" ", columns.Select(c => c[i]))).ToArray();
        if (all.Any(NeedsParentheses))
            all = all.Select(s => NeedsParentheses(s) ? $"({s})" : s).ToArray();
        int size = GroupSize;
        return Enumerable.Range(0, GroupCount).Select(g => all.Skip(g * size).Take(size).ToArray()).ToArray();
    }

    /// <summary>emmeans prefixes levels that all parse as numbers with the variable's name ("temperature175").</summary>
    private static string[] Enhance(string[] values, string name) =>
        values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? values.Select(v => name + v).ToArray()
            : values;

    private static bool NeedsParentheses(string label) =>
        label.Contains('-') || label.Contains('+') || label.Contains('/') || label.Contains('*');

    private static (double, double) Ordered(double a, double b) => a <= b ? (a, b) : (b, a);
}

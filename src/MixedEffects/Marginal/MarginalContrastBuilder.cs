using MixedEffects.Distributions;

namespace MixedEffects.Marginal;

/// <summary>
/// Computes a contrast table from marginal means, family by family (one family per by-group), with emmeans'
/// rules: a family of one contrast is not adjusted (except Scheffe); Tukey applies only to a complete pairwise
/// set (otherwise Sidak); intervals use Bonferroni for holm, hochberg and BH; log and logit contrasts are
/// back-transformed to ratios on the response scale.
/// </summary>
internal static class MarginalContrastBuilder
{
    public static MarginalContrasts Build(EstimatedMarginalMeans means, MarginalModelInfo model, Func<int, ContrastSet> family,
        AdjustmentMethod? requested)
    {
        int groups = means.GroupCount, size = means.GroupSize, total = groups * size;
        var covariance = model.Inference.Covariance;
        bool ratio = means.Scale == MarginalScale.Response && model.Link.HasRatioContrasts;
        var rows = new List<MarginalContrast>();
        var coefficients = new List<double[]>();
        AdjustmentMethod used = AdjustmentMethod.None;
        string? pMessage = null, ciMessage = null;
        bool anyNote = false;
        for (int g = 0; g < groups; g++)
        {
            var set = family(g);
            var method = requested ?? set.DefaultAdjustment;
            if (method == AdjustmentMethod.Tukey && !set.IsPairwise)
            {
                method = AdjustmentMethod.Sidak;
                anyNote = true;
            }
            int m = set.Names.Count;
            var estimates = new LinearEstimate[m];
            var functions = new double[]?[m];
            for (int c = 0; c < m; c++)
            {
                functions[c] = Combine(means, g * size, set.Coefficients[c], model.Beta.Length);
                estimates[c] = LinearEstimate.Evaluate(model, covariance, functions[c]);
                var full = new double[total];
                Array.Copy(set.Coefficients[c], 0, full, g * size, size);
                coefficients.Add(full);
            }
            int rank = MarginalAlgebra.IndependentRows(functions.Where(f => f is not null).Select(f => f!).ToArray()).Count;
            int famSize = size;
            var t = estimates.Select(e => e.Statistic).ToArray();
            var df = estimates.Select(e => e.DegreesOfFreedom).ToArray();
            var dfForP = method == AdjustmentMethod.Tukey ? ZapSmall(df) : df;
            var mvt = method == AdjustmentMethod.Mvt && m > 1 ? Multivariate(estimates, functions, covariance) : null;
            var p = mvt is not null ? t.Select(mvt.PValue).ToArray()
                : PValueAdjustment.AdjustFamily(t, dfForP, method == AdjustmentMethod.Mvt ? AdjustmentMethod.None : method, famSize, Math.Max(rank, 1));
            var effective = m == 1 && method != AdjustmentMethod.Scheffe ? AdjustmentMethod.None : method;
            used = effective;
            pMessage ??= Message("P value adjustment", effective, famSize, m, rank, "tests");
            ciMessage ??= Message("Conf-level adjustment", ConfidenceMethod(effective), famSize, m, rank, "estimates");
            var byLevels = means.ByLevels(g);
            for (int c = 0; c < m; c++)
            {
                var e = estimates[c];
                double cv = mvt is not null ? mvt.CriticalValue(means.ConfidenceLevel)
                    : PValueAdjustment.CriticalValue(means.ConfidenceLevel, double.IsNaN(e.DegreesOfFreedom) ? double.PositiveInfinity : e.DegreesOfFreedom,
                        ConfidenceMethod(effective) == AdjustmentMethod.Mvt ? AdjustmentMethod.None : ConfidenceMethod(effective), m, famSize, Math.Max(rank, 1));
                double lo = e.Estimate - cv * e.StandardError, hi = e.Estimate + cv * e.StandardError;
                double est = e.Estimate, se = e.StandardError;
                string name = set.Names[c];
                double? nullValue = null;
                if (ratio)
                {
                    est = Math.Exp(e.Estimate);
                    se = est * e.StandardError;
                    lo = Math.Exp(lo);
                    hi = Math.Exp(hi);
                    name = name.Replace(" - ", " / ", StringComparison.Ordinal);
                    nullValue = 1;
                }
                rows.Add(new MarginalContrast(name, byLevels, est, se, e.DegreesOfFreedom, lo, hi, e.Statistic, p[c], nullValue));
            }
        }

        string? scaleName = null;
        bool back = false;
        if (!model.Link.IsIdentity)
        {
            scaleName = model.Link.HasRatioContrasts ? model.Link.ContrastScaleName : model.Link.Name;
            back = ratio;
        }
        var messages = MarginalMessages.Build(model, means.AveragedOver, scaleName, means.ConfidenceLevel, ciMessage, pMessage, back).ToList();
        if (anyNote)
            messages.Add("Note: adjust = \"tukey\" was changed to \"sidak\" because \"tukey\" is only appropriate for one set of pairwise comparisons");
        string estimateName = ratio ? model.Link.RatioEstimateName : "estimate";
        return new MarginalContrasts(rows, used, estimateName, messages, coefficients, model.DegreesOfFreedomLabel, means.ConfidenceLevel);
    }

    /// <summary>emmeans' interval method for a p-value method: Bonferroni for the step-wise and FDR methods.</summary>
    /// <summary>The mvt distribution of a family: the contrasts' correlation matrix and their (common) df.</summary>
    private static MultivariateTAdjustment Multivariate(LinearEstimate[] estimates, double[]?[] functions, double[,] covariance)
    {
        int m = estimates.Length;
        var correlation = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                correlation[i, j] = functions[i] is { } fi && functions[j] is { } fj
                    ? Bilinear(fi, covariance, fj) / (estimates[i].StandardError * estimates[j].StandardError)
                    : i == j ? 1 : 0;
        return MultivariateTAdjustment.Create(correlation, estimates.Min(e => e.DegreesOfFreedom));
    }

    private static double Bilinear(double[] a, double[,] v, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == 0) continue;
            for (int j = 0; j < b.Length; j++) sum += a[i] * v[i, j] * b[j];
        }
        return sum;
    }

    private static AdjustmentMethod ConfidenceMethod(AdjustmentMethod method) => method switch
    {
        AdjustmentMethod.Holm or AdjustmentMethod.Hochberg or AdjustmentMethod.BenjaminiHochberg => AdjustmentMethod.Bonferroni,
        _ => method,
    };

    /// <summary>emmeans' annotation of an adjustment, or null when emmeans prints none.</summary>
    private static string? Message(string prefix, AdjustmentMethod method, int famSize, int count, int rank, string noun)
    {
        int check = method switch { AdjustmentMethod.None => 1, AdjustmentMethod.Tukey => 2, AdjustmentMethod.Scheffe => 3, _ => 99 };
        if (check == 1 || (famSize < 3 && check < 10)) return null;
        string extra = method switch
        {
            AdjustmentMethod.Tukey => $"for comparing a family of {famSize} estimates",
            AdjustmentMethod.Scheffe => $"with rank {rank}",
            _ => $"for {count} {noun}",
        };
        return $"{prefix}: {PValueAdjustment.Name(method)} method {extra}";
    }

    private static double[]? Combine(EstimatedMarginalMeans means, int first, double[] coefficients, int p)
    {
        var l = new double[p];
        for (int i = 0; i < coefficients.Length; i++)
        {
            if (coefficients[i] == 0) continue;
            var f = means.LinearFunction(first + i);
            if (f is null) return null;
            for (int j = 0; j < p; j++) l[j] += coefficients[i] * f[j];
        }
        return l;
    }

    /// <summary>R's <c>zapsmall(x)</c> with 7 digits (emmeans applies it to Tukey's degrees of freedom).</summary>
    internal static double[] ZapSmall(double[] x)
    {
        var finite = x.Where(v => double.IsFinite(v)).ToArray();
        if (finite.Length == 0) return x;
        double mx = finite.Max(Math.Abs);
        int digits = mx > 0 ? Math.Max(0, 7 - (int)Math.Ceiling(Math.Log10(mx))) : 7;
        return x.Select(v => double.IsFinite(v) ? Math.Round(v, Math.Min(digits, 15), MidpointRounding.ToEven) : v).ToArray();
    }
}

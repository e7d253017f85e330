using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Marginal;

/// <summary>
/// What marginal means need from a fitted model, independent of its kind: the model frame and formula
/// terms (to rebuild rows of X), the estimates, the inference (covariance and degrees of freedom), the link,
/// and which columns of the full X were kept. One adapter per fitted-model class builds it.
/// </summary>
internal sealed class MarginalModelInfo
{
    /// <summary>Creates the description of a fitted model.</summary>
    public MarginalModelInfo(ModelFrame frame, ContrastCoding coding, FixedEffectsMatrix x, double[] beta,
        IContrastInference inference, MarginalLink link, string? family, bool reportsDegreesOfFreedomMethod)
        : this(new FixedTermDesign(frame, x.Matrix, x.FullMatrix, coding, null), beta, inference, link, family, reportsDegreesOfFreedomMethod)
    {
    }

    /// <summary>Creates the description from the fixed part's design (whose frame rows may stand for several data rows).</summary>
    public MarginalModelInfo(FixedTermDesign design, double[] beta, IContrastInference inference, MarginalLink link, string? family,
        bool reportsDegreesOfFreedomMethod)
    {
        Frame = design.Frame;
        Coding = design.Coding;
        RowCounts = design.RowCounts;
        FullColumnNames = design.FullX.ColumnNames;
        var kept = design.X.ColumnNames;
        var index = FullColumnNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        KeptColumns = kept.Select(name => index[name]).ToArray();
        Beta = (double[])beta.Clone();
        Inference = inference;
        Link = link;
        Family = family;
        ReportsDegreesOfFreedomMethod = reportsDegreesOfFreedomMethod;
        NullBasis = BuildNullBasis(design.FullX, KeptColumns, RowCounts);
    }

    /// <summary>The model frame (training data, evaluated variables).</summary>
    public ModelFrame Frame { get; }

    /// <summary>How many data rows each row of <see cref="Frame"/> stands for (null: one each).</summary>
    public double[]? RowCounts { get; }

    /// <summary>The expanded formula.</summary>
    public ModelSpecification Specification => Frame.Specification;

    /// <summary>How factors were coded.</summary>
    public ContrastCoding Coding { get; }

    /// <summary>Names of the full X columns (before dropping dependent ones).</summary>
    public IReadOnlyList<string> FullColumnNames { get; }

    /// <summary>For each coefficient, its column in the full X.</summary>
    public int[] KeptColumns { get; }

    /// <summary>The fixed-effects estimates (kept columns).</summary>
    public double[] Beta { get; }

    /// <summary>Covariance and degrees of freedom of linear combinations of <see cref="Beta"/>.</summary>
    public IContrastInference Inference { get; }

    /// <summary>The link function (identity for linear mixed models).</summary>
    public MarginalLink Link { get; }

    /// <summary>The GLMM family name (binomial, poisson...), or null for a linear mixed model.</summary>
    public string? Family { get; }

    /// <summary>
    /// True when emmeans prints a "Degrees-of-freedom method" line (lmer fits); false for GLMMs, whose
    /// z tests carry no such line.
    /// </summary>
    public bool ReportsDegreesOfFreedomMethod { get; }

    /// <summary>Vectors spanning the null space of the full X (empty when X has full rank).</summary>
    public IReadOnlyList<double[]> NullBasis { get; }

    /// <summary>emmeans' label of the degrees-of-freedom method: kenward-roger, satterthwaite or asymptotic.</summary>
    public string DegreesOfFreedomLabel => Inference.Method.ToLowerInvariant();

    /// <summary>The description of a linear mixed model fit.</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="inference">Degrees-of-freedom method; null for the default (see <see cref="DefaultInference"/>).</param>
    public static MarginalModelInfo FromLinearFit(LinearMixedModelEstimates fit, IContrastInference? inference)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit is not LinearMixedModelFit inMemory)
            return new MarginalModelInfo(fit.FixedTermDesign(), fit.Beta, inference ?? DefaultInference(fit), MarginalLink.Identity, null,
                reportsDegreesOfFreedomMethod: true);
        var design = inMemory.Design;
        return new MarginalModelInfo(design.Frame, design.Contrasts, design.X, fit.Beta,
            inference ?? DefaultInference(fit), MarginalLink.Identity, null, reportsDegreesOfFreedomMethod: true);
    }

    /// <summary>
    /// The description of a generalized linear mixed model fit: glmer's estimates and covariance with asymptotic
    /// (z) inference, as emmeans' default for glmerMod, and the fit's link for response-scale results.
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <exception cref="ModelSpecificationException">The model has an offset (not included in marginal means).</exception>
    public static MarginalModelInfo FromGeneralizedFit(GeneralizedLinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var design = fit.Design;
        var offsets = design.Frame.Specification.Offsets;
        if (offsets.Count > 0)
            throw new ModelSpecificationException(
                $"marginal means of a model with an offset are not supported (offset '{offsets[0].Name}')");
        var beta = fit.Beta;
        return new MarginalModelInfo(design.Frame, design.Contrasts, design.X, beta,
            new AsymptoticContrastInference(beta, fit.FixedEffectsCovariance), MarginalLink.ForName(fit.Link.Name), fit.Family.Name,
            reportsDegreesOfFreedomMethod: false);
    }

    /// <summary>
    /// The inference used when none is given, following emmeans' rule for lmer fits (<c>lmer.df = "kenward-roger"</c>,
    /// <c>pbkrtest.limit = lmerTest.limit = 3000</c>): Kenward-Roger up to <see cref="KenwardRogerLimit"/> observations,
    /// asymptotic (z, df = Inf) above, as emmeans reports ("D.f. calculations have been disabled"). For an ML fit,
    /// Kenward-Roger is computed, as pbkrtest does, on the REML refit of the same model (the estimates stay the ML ones).
    /// With a residual variance function, Satterthwaite's over all variance parameters
    /// (Kenward-Roger does not cover them). Ask for a method explicitly to get Satterthwaite or Kenward-Roger df on larger data.
    /// </summary>
    public static IContrastInference DefaultInference(LinearMixedModelEstimates fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit is LinearMixedModelFit { VarianceFunction: not null }) return Satterthwaite.For(fit);
        if (fit.ObservationCount > KenwardRogerLimit) return AsymptoticInference.For(fit);
        return fit.Method == EstimationMethod.Reml ? KenwardRoger.For(fit) : RefitKenwardRoger.For(fit);
    }

    /// <summary>emmeans' default <c>pbkrtest.limit</c>: the largest number of observations for which Kenward-Roger is the default.</summary>
    public const int KenwardRogerLimit = 3000;

    /// <summary>Restricts a row of the full X to the kept columns.</summary>
    public double[] Kept(double[] fullRow) => KeptColumns.Select(j => fullRow[j]).ToArray();

    /// <summary>True when the full-X row is estimable (orthogonal to the null space of X), as emmeans' check.</summary>
    public bool IsEstimable(double[] fullRow)
    {
        if (NullBasis.Count == 0) return true;
        double scale = Math.Max(1.0, fullRow.Max(Math.Abs));
        return NullBasis.All(v => Math.Abs(MarginalAlgebra.Dot(fullRow, v)) <= 1e-8 * scale);
    }

    private static IReadOnlyList<double[]> BuildNullBasis(ModelMatrix full, int[] kept, double[]? rowCounts)
    {
        int p = full.ColumnCount;
        var dropped = Enumerable.Range(0, p).Except(kept).ToArray();
        if (dropped.Length == 0) return [];
        int k = kept.Length;
        double[] Weighted(double[] c) => rowCounts is null ? c : c.Select((v, i) => v * rowCounts[i]).ToArray();
        var xtx = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = MarginalAlgebra.Dot(Weighted(full.Columns[kept[a]]), full.Columns[kept[b]]);
                xtx[a, b] = s;
                xtx[b, a] = s;
            }
        var basis = new List<double[]>();
        foreach (int d in dropped)
        {
            var rhs = kept.Select(j => MarginalAlgebra.Dot(Weighted(full.Columns[j]), full.Columns[d])).ToArray();
            var coef = MarginalAlgebra.Solve(xtx, rhs);
            var v = new double[p];
            for (int a = 0; a < k; a++) v[kept[a]] = coef[a];
            v[d] = -1;
            double norm = Math.Sqrt(MarginalAlgebra.Dot(v, v));
            for (int j = 0; j < p; j++) v[j] /= norm;
            basis.Add(v);
        }
        return basis;
    }
}

using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>
/// Fits generalized linear mixed models as lme4's <c>glmer</c>: stage 1 optimizes theta with BOBYQA on the
/// nAGQ = 0 criterion (beta estimated inside PIRLS); stage 2 (nAGQ &gt;= 1) optimizes theta and beta jointly with
/// Nelder-Mead on the Laplace or adaptive Gauss-Hermite approximation, starting from stage 1.
/// </summary>
public static class GeneralizedLinearMixedModel
{
    /// <summary>The largest number of quadrature points accepted.</summary>
    public const int MaxQuadraturePoints = 25;

    /// <summary>Fits <paramref name="formula"/> to <paramref name="data"/>.</summary>
    /// <exception cref="MixedEffectsException">For a bad formula, family, link, response, or a model that cannot be fitted.</exception>
    public static GeneralizedLinearMixedModelFit Fit(string formula, Dataset data, GeneralizedLinearMixedModelOptions? options = null)
    {
        options ??= new GeneralizedLinearMixedModelOptions();
        var family = GlmFamily.Create(options.Family, options.Link);
        if (options.NAgq < 0 || options.NAgq > MaxQuadraturePoints)
            throw new ModelSpecificationException($"nAGQ = {options.NAgq} is out of range: use 0 to {MaxQuadraturePoints}");
        var design = GeneralizedLinearMixedModelDesign.Build(ModelSpecification.FromFormula(formula), data, family, options);
        if (options.NAgq > 1 && (design.Terms.Count != 1 || design.Terms[0].ColumnCount != 1))
            throw new ModelSpecificationException(
                $"nAGQ = {options.NAgq} needs a single scalar random-effects term such as (1 | group); this model has {design.Terms.Count} term(s): use nAGQ = 1 (Laplace)");
        return Fit(design, family, options, formula);
    }

    /// <summary>
    /// Likelihood-ratio test of two nested fits to the same data (lme4's <c>anova(m0, m1)</c>): chi-square = the
    /// difference of -2 log-likelihoods, df = the difference in parameter counts.
    /// </summary>
    /// <exception cref="ModelSpecificationException">When the fits have different numbers of observations or the same number of parameters.</exception>
    public static GeneralizedLinearMixedModelComparison Compare(GeneralizedLinearMixedModelFit m0, GeneralizedLinearMixedModelFit m1)
    {
        if (m0.ObservationCount != m1.ObservationCount)
            throw new ModelSpecificationException(
                $"models were not all fitted to the same size of dataset ({m0.ObservationCount} and {m1.ObservationCount} observations)");
        var (small, large) = m0.ParameterCount <= m1.ParameterCount ? (m0, m1) : (m1, m0);
        int df = large.ParameterCount - small.ParameterCount;
        if (df == 0)
            throw new ModelSpecificationException($"both models have {m0.ParameterCount} parameters; a likelihood-ratio test needs nested models of different sizes");
        double chisq = Math.Max(0, -2 * small.LogLikelihood + 2 * large.LogLikelihood);
        return new GeneralizedLinearMixedModelComparison(small, large, chisq, df, GlmSpecialFunctions.ChiSquareUpperTail(chisq, df));
    }

    private static GeneralizedLinearMixedModelFit Fit(GeneralizedLinearMixedModelDesign design, GlmFamily family,
        GeneralizedLinearMixedModelOptions options, string formula)
    {
        var deviance = new GlmmDeviance(design);
        var terms = design.Terms;
        int nTheta = deviance.ThetaCount, p = deviance.FixedEffectCount;
        var map = new CovarianceParameterMap(terms);
        var thetaLower = map.LowerBounds;
        var thetaStart = map.Start;
        var warnings = new List<string>(design.Frame.Warnings);
        if (design.X.DroppedColumns.Count > 0)
            warnings.Add($"fixed-effect model matrix is rank deficient so dropping {design.X.DroppedColumns.Count} column{(design.X.DroppedColumns.Count == 1 ? "" : "s")} / coefficient{(design.X.DroppedColumns.Count == 1 ? "" : "s")}");

        // Stage 1: theta with beta inside PIRLS, every evaluation starting from the fit at the starting theta.
        if (!double.IsFinite(deviance.Joint(thetaStart)))
            throw new ModelSpecificationException("penalized iteratively reweighted least squares failed at the starting values");
        deviance.KeepStartingPoint();
        var progress = new FitProgressReporter(options.Progress);
        var stage1 = map.MinimizeLocally(progress.Wrap(th => deviance.Joint(th)), thetaStart,
            options.FirstStageOptimizer ?? new OptimizerSettings { FinalTrustRadius = 2e-7 });
        var theta = stage1.Minimizer.ToArray();
        double objective = deviance.Joint(theta);
        if (options.NAgq == 0) objective = CheckBoundary(deviance, theta, thetaLower, objective);
        var beta = deviance.Beta.ToArray();
        bool converged = stage1.ReturnCode == OptimizationReturnCode.Converged;
        int evaluations = stage1.Evaluations;
        double[] optimizerParameters = theta;
        bool derivatives = options.ComputeDerivatives ?? design.Response.Count < 10000;
        double[,] vcov;
        var rule = options.NAgq > 1 ? GaussHermiteRule.Create(options.NAgq) : null;

        if (options.NAgq == 0)
        {
            vcov = deviance.UnscaledCovariance(theta);
        }
        else
        {
            // Stage 2: theta and beta jointly, in coordinates scaled by lme4's initial simplex steps; every
            // evaluation starts PIRLS from the linear predictor at the end of stage 1.
            deviance.KeepStartingPoint();
            var unscaled = deviance.UnscaledCovariance(theta);
            var scale = new double[nTheta + p];
            for (int i = 0; i < nTheta; i++) scale[i] = 0.2 * 0.1;
            for (int j = 0; j < p; j++) scale[nTheta + j] = 0.2 * Math.Min(Math.Sqrt(unscaled[j, j]), 10);
            for (int i = 0; i < scale.Length; i++) if (!(scale[i] > 0)) scale[i] = 0.02;
            Func<double[], double> Objective(GlmmDeviance dev) => par => rule is null
                ? dev.Laplace(par.AsSpan(0, nTheta), par.AsSpan(nTheta))
                : dev.AdaptiveQuadrature(par.AsSpan(0, nTheta), par.AsSpan(nTheta), rule);
            var f = Objective(deviance);
            var start = theta.Concat(beta).Select((v, i) => v / scale[i]).ToArray();
            var jointLower = thetaLower.Concat(Enumerable.Repeat(double.NegativeInfinity, p)).ToArray();
            var lower = jointLower.Select((v, i) => v / scale[i]).ToArray();
            var upper = lower.Select(_ => double.PositiveInfinity).ToArray();
            var scaledPar = new double[scale.Length];
            bool nelderMead = options.SecondStageMethod == GlmmSecondStageMethod.NelderMead;
            var settings = options.SecondStageOptimizer ?? (nelderMead
                ? new OptimizerSettings { InitialTrustRadius = 1, FinalTrustRadius = 1e-7, AbsoluteFunctionTolerance = 1e-10 }
                : new OptimizerSettings { InitialTrustRadius = 1, FinalTrustRadius = 1e-5 });
            var optimizer = OptimizerFactory.Search(nelderMead ? OptimizerChoice.NelderMead : OptimizerChoice.Bobyqa);
            var stage2 = optimizer.Minimize(progress.Wrap(v =>
            {
                for (int i = 0; i < v.Length; i++) scaledPar[i] = v[i] * scale[i];
                return f(scaledPar);
            }), start, lower, upper, settings);
            evaluations = stage2.Evaluations;
            converged = stage2.ReturnCode == OptimizationReturnCode.Converged;
            if (stage2.ReturnCode == OptimizationReturnCode.MaxEvaluationsReached)
                warnings.Add($"maximum number of function evaluations exceeded ({evaluations})");
            var par = stage2.Minimizer.Select((v, i) => v * scale[i]).ToArray();
            theta = par[..nTheta];
            beta = par[nTheta..];
            optimizerParameters = par;
            objective = f(par);
            vcov = deviance.UnscaledCovariance(theta);
            if (derivatives)
            {
                // every evaluation restarts PIRLS from the same point, so copies give the same values in parallel
                var objectives = new List<Func<double[], double>> { f };
                if (Environment.ProcessorCount > 1) objectives.Add(Objective(deviance.Copy()));
                var d = GlmmDerivatives.Compute(objectives, par, objective);
                AddConvergenceWarning(d, par, jointLower, options, warnings, ref converged);
                vcov = d.FixedEffectsCovariance(p) ?? vcov;
                objective = f(par);
            }
        }

        bool singular = theta.Where((_, i) => thetaLower[i] == 0).Any(v => v < options.SingularTolerance);
        if (singular) warnings.Insert(0, "boundary (singular) fit: see help('isSingular')");
        var state = GlmmFitState.Capture(deviance);
        return new GeneralizedLinearMixedModelFit(formula, design, family, options.NAgq, theta, deviance.Beta.ToArray(), vcov,
            objective, optimizerParameters, state, evaluations, converged, singular, warnings);
    }

    /// <summary>lme4's <c>check.boundary</c> (nAGQ = 0, tolerance 1e-5): a theta near its bound of 0 is set to 0 when that is no worse.</summary>
    private static double CheckBoundary(GlmmDeviance deviance, double[] theta, double[] lower, double objective)
    {
        const double tolerance = 1e-5;
        bool changed = false;
        for (int i = 0; i < theta.Length; i++)
        {
            if (lower[i] != 0 || theta[i] == 0 || theta[i] >= tolerance) continue;
            var trial = (double[])theta.Clone();
            trial[i] = 0;
            double value = deviance.Joint(trial);
            if (value <= objective) { theta[i] = 0; objective = value; changed = true; }
        }
        return changed ? objective : deviance.Joint(theta);
    }

    private static void AddConvergenceWarning(GlmmDerivatives d, double[] par, double[] lower,
        GeneralizedLinearMixedModelOptions options, List<string> warnings, ref bool converged)
    {
        // parameters on a boundary are left out of the check, as lme4 does
        bool onBoundary = par.Where((v, i) => lower[i] == 0 && v < options.SingularTolerance).Any();
        if (onBoundary) return;
        var message = d.ConvergenceWarning(options.GradientTolerance);
        if (message is not null)
        {
            warnings.Add(message);
            converged = false;
        }
        warnings.AddRange(HessianCheck.Messages(d.Hessian));
    }
}

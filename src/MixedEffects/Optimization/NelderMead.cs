namespace MixedEffects.Optimization;

/// <summary>
/// The Nelder-Mead simplex method (Nelder and Mead 1965, with the standard coefficients of Lagarias et al. 1998:
/// reflection 1, expansion 2, contraction 1/2, shrink 1/2), the second stage of lme4's glmer.
/// Bounds are handled by projection: every trial point is clipped onto the box before it is evaluated.
/// The initial simplex is the start plus <see cref="OptimizerSettings.InitialTrustRadius"/> along each axis
/// (minus it where the plus step would leave the box). The search stops when every vertex lies within
/// <see cref="OptimizerSettings.FinalTrustRadius"/> * max(1, |x|) of the best one in every coordinate, or when
/// the spread of the vertex values falls below a positive <see cref="OptimizerSettings.AbsoluteFunctionTolerance"/>.
/// </summary>
public sealed class NelderMead : IBoundedOptimizer
{
    /// <inheritdoc />
    public OptimizationResult Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper, OptimizerSettings settings)
    {
        double[] x0 = OptimizationInput.Validate(objective, start, lower, upper, settings);
        int n = x0.Length;
        var counted = new CountedObjective(objective, n, settings.MaxEvaluations);
        var simplex = new double[(n + 1) * n];
        var values = new double[n + 1];
        var centroid = new double[n];
        var reflected = new double[n];
        var trial = new double[n];
        double h = settings.InitialTrustRadius;
        for (int v = 0; v <= n; v++)
        {
            var vertex = simplex.AsSpan(v * n, n);
            x0.CopyTo(vertex);
            if (v > 0)
            {
                int i = v - 1;
                double step = Math.Min(h, 0.5 * (upper[i] - lower[i]));
                vertex[i] = x0[i] + step <= upper[i] ? x0[i] + step : x0[i] - step;
            }
            if (counted.Exhausted) return MaxEvaluations(counted);
            values[v] = counted.Evaluate(vertex);
            if (!double.IsFinite(values[v])) return NonFinite(counted, values[v]);
        }
        while (true)
        {
            Order(simplex, values, n, out int best, out int worst, out int second);
            if (Converged(simplex, values, n, best, settings))
                return counted.ToResult(OptimizationReturnCode.Converged, $"simplex reduced to {settings.FinalTrustRadius:G3}");
            var worstVertex = simplex.AsSpan(worst * n, n);
            Array.Clear(centroid);
            for (int v = 0; v <= n; v++)
            {
                if (v == worst) continue;
                for (int i = 0; i < n; i++) centroid[i] += simplex[v * n + i] / n;
            }
            if (counted.Exhausted) return MaxEvaluations(counted);
            double fr = Trial(counted, centroid, worstVertex, 1.0, lower, upper, reflected);
            if (!double.IsFinite(fr)) return NonFinite(counted, fr);
            if (fr < values[best])
            {
                if (counted.Exhausted) return MaxEvaluations(counted);
                double fe = Trial(counted, centroid, worstVertex, 2.0, lower, upper, trial);
                if (!double.IsFinite(fe)) return NonFinite(counted, fe);
                Accept(worstVertex, values, worst, fe < fr ? trial : reflected, Math.Min(fe, fr));
                continue;
            }
            if (fr < values[second])
            {
                Accept(worstVertex, values, worst, reflected, fr);
                continue;
            }
            // Contraction: outside if the reflection improved on the worst vertex, inside otherwise.
            bool outside = fr < values[worst];
            if (counted.Exhausted) return MaxEvaluations(counted);
            double fc = Trial(counted, centroid, worstVertex, outside ? 0.5 : -0.5, lower, upper, trial);
            if (!double.IsFinite(fc)) return NonFinite(counted, fc);
            if (outside ? fc <= fr : fc < values[worst])
            {
                Accept(worstVertex, values, worst, trial, fc);
                continue;
            }
            // Shrink towards the best vertex.
            for (int v = 0; v <= n; v++)
            {
                if (v == best) continue;
                for (int i = 0; i < n; i++)
                    simplex[v * n + i] = simplex[best * n + i] + 0.5 * (simplex[v * n + i] - simplex[best * n + i]);
                if (counted.Exhausted) return MaxEvaluations(counted);
                values[v] = counted.Evaluate(simplex.AsSpan(v * n, n));
                if (!double.IsFinite(values[v])) return NonFinite(counted, values[v]);
            }
        }
    }

    /// <summary>Evaluates the projection onto the box of centroid + coefficient * (centroid - worst).</summary>
    private static double Trial(CountedObjective counted, double[] centroid, ReadOnlySpan<double> worst, double coefficient,
        double[] lower, double[] upper, double[] result)
    {
        for (int i = 0; i < result.Length; i++)
            result[i] = Math.Clamp(centroid[i] + coefficient * (centroid[i] - worst[i]), lower[i], upper[i]);
        return counted.Evaluate(result);
    }

    private static void Accept(Span<double> vertex, double[] values, int index, double[] point, double value)
    {
        point.CopyTo(vertex);
        values[index] = value;
    }

    private static void Order(double[] simplex, double[] values, int n, out int best, out int worst, out int second)
    {
        best = 0; worst = 0;
        for (int v = 1; v <= n; v++)
        {
            if (values[v] < values[best]) best = v;
            if (values[v] >= values[worst]) worst = v;
        }
        second = best;
        for (int v = 0; v <= n; v++)
            if (v != worst && values[v] >= values[second]) second = v;
    }

    private static bool Converged(double[] simplex, double[] values, int n, int best, OptimizerSettings settings)
    {
        double spread = 0;
        bool small = true;
        for (int v = 0; v <= n; v++)
        {
            spread = Math.Max(spread, values[v] - values[best]);
            for (int i = 0; i < n && small; i++)
            {
                double xb = simplex[best * n + i];
                if (Math.Abs(simplex[v * n + i] - xb) > settings.FinalTrustRadius * Math.Max(1.0, Math.Abs(xb))) small = false;
            }
        }
        return small || settings.AbsoluteFunctionTolerance > 0 && spread <= settings.AbsoluteFunctionTolerance;
    }

    private static OptimizationResult MaxEvaluations(CountedObjective counted) =>
        counted.ToResult(OptimizationReturnCode.MaxEvaluationsReached, $"maximum number of evaluations ({counted.MaxEvaluations}) reached");

    private static OptimizationResult NonFinite(CountedObjective counted, double value) =>
        counted.ToResult(OptimizationReturnCode.NonFiniteObjective, $"objective returned {value} at evaluation {counted.Evaluations}");
}

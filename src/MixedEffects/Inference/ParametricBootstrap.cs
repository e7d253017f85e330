using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Parametric bootstrap of a linear mixed model (lme4's <c>bootMer</c> with <c>use.u = FALSE</c>, <c>type = "parametric"</c>):
/// each replicate simulates a response from the fitted model with its own seeded generator, refits, and records the
/// variance parameters (sd/cor scale, sigma) and fixed effects. Replicates run in parallel; the result does not depend
/// on thread scheduling.
/// </summary>
internal static class ParametricBootstrap
{
    public static BootstrapReplicates Run(LinearMixedModelFit fit, BootstrapOptions options)
    {
        if (options.Replicates < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Replicates, "the number of bootstrap replicates must be at least 1");
        var parameters = new VarianceParameters(fit.Terms);
        var names = parameters.Names.Concat(fit.FixedEffectNames).ToArray();
        var simulator = new ResponseSimulator(fit);
        var replicates = new double[options.Replicates][];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        try
        {
            Parallel.For(0, options.Replicates, parallel, r =>
            {
                var y = simulator.Simulate(new Random(ReplicateSeed(options.Seed, r)));
                var (theta, sigma, beta) = ResponseRefit.Fit(fit, y);
                replicates[r] = parameters.FromTheta(theta, sigma).Concat(beta).ToArray();
                int count = Interlocked.Increment(ref done);
                options.Progress?.Report(count);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return new BootstrapReplicates(names, replicates);
    }

    /// <summary>A seed for replicate r mixed from the user's seed (SplitMix64 finalizer), stable across runs and platforms.</summary>
    internal static int ReplicateSeed(int seed, int replicate)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)replicate) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}

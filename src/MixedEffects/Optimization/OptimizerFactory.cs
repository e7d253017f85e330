namespace MixedEffects.Optimization;

/// <summary>The optimizer of a <see cref="OptimizerChoice"/>, wrapped so that it does not stop short.</summary>
public static class OptimizerFactory
{
    /// <summary>The name of a choice as the summary and the command line spell it.</summary>
    public static string Name(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.Bobyqa => "bobyqa",
        OptimizerChoice.NelderMead => "neldermead",
        OptimizerChoice.LBfgsB => "lbfgsb",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown optimizer"),
    };

    /// <summary>
    /// A <see cref="PersistentMinimizer"/> around the chosen optimizer. For <see cref="OptimizerChoice.LBfgsB"/> the
    /// caller supplies the gradient-based first search; restarts from the checks use BOBYQA.
    /// </summary>
    public static PersistentMinimizer Create(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.Bobyqa => new PersistentMinimizer(new Bobyqa(), Name(choice)),
        OptimizerChoice.NelderMead => new PersistentMinimizer(new NelderMead(), Name(choice)),
        OptimizerChoice.LBfgsB => new PersistentMinimizer(new Bobyqa(), Name(choice)),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown optimizer"),
    };
}

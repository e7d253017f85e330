namespace MixedEffects.Optimization;

/// <summary>The optimizer of a <see cref="OptimizerChoice"/>, wrapped so that it does not stop short.</summary>
public static class OptimizerFactory
{
    /// <summary>The name of a choice as the summary and the command line spell it.</summary>
    public static string Name(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.Bobyqa => "bobyqa",
        OptimizerChoice.NelderMead => "neldermead",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown optimizer"),
    };

    /// <summary>A <see cref="PersistentMinimizer"/> around the chosen optimizer.</summary>
    public static PersistentMinimizer Create(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.Bobyqa => new PersistentMinimizer(new Bobyqa(), Name(choice)),
        OptimizerChoice.NelderMead => new PersistentMinimizer(new NelderMead(), Name(choice)),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown optimizer"),
    };
}

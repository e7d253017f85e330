namespace MixedEffects.Optimization;

/// <summary>The optimizer of a <see cref="OptimizerChoice"/>, wrapped so that it does not stop short.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// <see cref="OptimizerChoice.Automatic"/> uses the gradient search for more covariance parameters than this (10):
    /// on kb07sim's 20 it needs 44 evaluations against BOBYQA's 989 + 309; on models with few parameters BOBYQA is as
    /// quick or quicker and its derivative-free restarts reach boundary optima that the quasi-Newton search misses.
    /// </summary>
    public const int AutomaticGradientParameters = 10;

    /// <summary>The name of a choice as the summary and the command line spell it.</summary>
    public static string Name(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.Bobyqa => "bobyqa",
        OptimizerChoice.NelderMead => "neldermead",
        OptimizerChoice.LBfgsB => "lbfgsb",
        OptimizerChoice.Automatic => "auto",
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
        OptimizerChoice.Automatic => new PersistentMinimizer(new Bobyqa(), Name(OptimizerChoice.Bobyqa)),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown optimizer"),
    };
}

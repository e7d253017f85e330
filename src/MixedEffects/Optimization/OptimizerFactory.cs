namespace MixedEffects.Optimization;

/// <summary>The optimizer of a <see cref="OptimizerChoice"/>, wrapped so that it does not stop short.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// <see cref="OptimizerChoice.Automatic"/> uses the gradient search for more covariance parameters than this (3):
    /// kb07sim's 20 need 44 evaluations against BOBYQA's 989 + 309, fhch2010's 6 need 30 against 217. With up to 3
    /// the gradient search needs fewer evaluations but not less time: a gradient costs several evaluations for scalar
    /// terms (fhch2010's two intercepts: 16 evaluations with the gradient take more CPU than BOBYQA's 52).
    /// </summary>
    public const int AutomaticGradientParameters = 3;

    /// <summary>
    /// ... and when the crossed terms' dense block has at most this many random effects (500): the gradient inverts
    /// that block, which costs several evaluations when it is large. Above it, models whose terms are all scalar and
    /// whose first term is crossed with the dense ones (InstEval's students, lecturers and departments) use the gradient
    /// search at any number of parameters: their gradient needs only the traces of the inverse over each term, about
    /// one evaluation, and InstEval needs 26 evaluations with it against BOBYQA's 92 (14 from the moment start).
    /// </summary>
    public const int AutomaticGradientDenseOrder = 500;

    /// <summary>
    /// ... and the scalar crossed terms' exception to <see cref="AutomaticGradientDenseOrder"/> holds up to this dense
    /// order (2000), where the triangular inverse behind their gradient (32 MB) stays in the processor's cache for
    /// the sparse products of the first term's levels; larger blocks (the 1M-row design's 3700) keep BOBYQA.
    /// </summary>
    public const int AutomaticTraceGradientDenseOrder = 2000;

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
    /// A <see cref="PersistentMinimizer"/> around the chosen derivative-free optimizer. For
    /// <see cref="OptimizerChoice.LBfgsB"/> (an objective without a gradient) it is BOBYQA; an objective with a gradient
    /// uses <see cref="PersistentMinimizer.WithGradient"/>.
    /// </summary>
    public static PersistentMinimizer Create(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.Bobyqa or OptimizerChoice.NelderMead or OptimizerChoice.LBfgsB => new PersistentMinimizer(Search(choice), Name(choice)),
        OptimizerChoice.Automatic => new PersistentMinimizer(Search(choice), Name(OptimizerChoice.Bobyqa)),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown optimizer"),
    };

    /// <summary>
    /// The derivative-free search of a choice alone, without restarts or checks (inner searches such as profiles' and
    /// glmer's stages): Nelder-Mead for <see cref="OptimizerChoice.NelderMead"/>, BOBYQA otherwise.
    /// </summary>
    public static IBoundedOptimizer Search(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.NelderMead => new NelderMead(),
        OptimizerChoice.Bobyqa or OptimizerChoice.LBfgsB or OptimizerChoice.Automatic => new Bobyqa(),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown optimizer"),
    };
}

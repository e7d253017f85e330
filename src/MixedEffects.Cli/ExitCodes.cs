namespace MixedEffects.Cli;

/// <summary>Process exit codes of the <c>mixed</c> tool.</summary>
public static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug): "mixed: internal error: ...".</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: data, formula, model, or command line ("mixed: error: ...").</summary>
    public const int UserError = 2;
}

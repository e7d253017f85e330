namespace MixedEffects.Cli;

/// <summary>A usage error on the command line (unknown option, missing argument, unwritable output); exit code 2.</summary>
internal sealed class CommandLineException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public CommandLineException(string message) : base(message) { }
}

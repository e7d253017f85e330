namespace MixedEffects.Cli;

/// <summary>Process entry point of the <c>mixed</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args) => MixedCommand.Run(args, Console.Out, Console.Error);
}

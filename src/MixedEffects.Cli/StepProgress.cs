namespace MixedEffects.Cli;

/// <summary>
/// One progress line on standard error naming the step that runs ("report: profiling the likelihood"), rewritten in
/// place and cleared at the end; made only when standard error is a terminal.
/// </summary>
internal sealed class StepProgress : IProgress<string>, IDisposable
{
    private readonly string _prefix;
    private readonly TextWriter _terminal;
    private int _width;

    private StepProgress(string prefix, TextWriter terminal)
    {
        _prefix = prefix;
        _terminal = terminal;
    }

    /// <summary>A progress line on the terminal, or null when standard error is redirected.</summary>
    public static StepProgress? ForTerminal(string prefix) => Console.IsErrorRedirected ? null : new StepProgress(prefix, Console.Error);

    /// <inheritdoc/>
    public void Report(string value)
    {
        string text = $"{_prefix}: {value}...";
        _terminal.Write("\r" + text.PadRight(_width));
        _terminal.Flush();
        _width = Math.Max(_width, text.Length);
    }

    /// <summary>Clears the line.</summary>
    public void Dispose()
    {
        if (_width == 0) return;
        _terminal.Write("\r" + new string(' ', _width) + "\r");
        _terminal.Flush();
        _width = 0;
    }
}

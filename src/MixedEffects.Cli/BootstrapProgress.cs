namespace MixedEffects.Cli;

/// <summary>
/// Shows "bootstrap 120/500" on one updating line of the terminal while the bootstrap runs; nothing at all when
/// standard error is redirected, so logs and pipes stay clean.
/// </summary>
internal sealed class BootstrapProgress : IProgress<int>, IDisposable
{
    private readonly int _total;
    private readonly TextWriter _terminal;
    private readonly object _gate = new();
    private int _shown;
    private int _width;

    private BootstrapProgress(int total, TextWriter terminal)
    {
        _total = total;
        _terminal = terminal;
    }

    /// <summary>A progress line on standard error when it is a terminal, else null.</summary>
    public static BootstrapProgress? ForTerminal(int total) =>
        Console.IsErrorRedirected ? null : new BootstrapProgress(total, Console.Error);

    /// <inheritdoc/>
    public void Report(int value)
    {
        lock (_gate)
        {
            if (value <= _shown) return;
            _shown = value;
            string text = $"bootstrap {value}/{_total}";
            _width = Math.Max(_width, text.Length);
            _terminal.Write("\r" + text);
            _terminal.Flush();
        }
    }

    /// <summary>Clears the progress line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_width == 0) return;
            _terminal.Write("\r" + new string(' ', _width) + "\r");
            _terminal.Flush();
            _width = 0;
        }
    }
}

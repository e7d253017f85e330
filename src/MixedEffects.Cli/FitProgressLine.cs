using System.Diagnostics;
using System.Globalization;
using MixedEffects.Models;

namespace MixedEffects.Cli;

/// <summary>
/// "fitting: 412 evaluations, REML criterion 1743.6283" on one line of the terminal, shown once a fit has run for
/// <see cref="Delay"/> and rewritten at most every <see cref="Interval"/>; cleared at the end. Made only when standard
/// error is a terminal, so pipes, logs and captured output never see it.
/// </summary>
internal sealed class FitProgressLine : IProgress<FitProgress>, IDisposable
{
    /// <summary>How long a fit runs before the line appears.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>The shortest time between two rewrites of the line.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly string _criterion;
    private readonly TextWriter _terminal;
    private readonly Func<TimeSpan> _elapsed;
    private TimeSpan _next;
    private int _width;
    private bool _ended;
    private string? _detail;

    /// <summary>A line written to <paramref name="terminal"/>, timed by <paramref name="elapsed"/> (the time since the fit started).</summary>
    internal FitProgressLine(string criterion, TextWriter terminal, Func<TimeSpan> elapsed)
    {
        _criterion = criterion;
        _terminal = terminal;
        _elapsed = elapsed;
        _next = Delay;
    }

    /// <summary>A progress line on standard error when it is a terminal, else null.</summary>
    public static FitProgressLine? ForTerminal(string criterion)
    {
        if (Console.IsErrorRedirected) return null;
        var clock = Stopwatch.StartNew();
        return new FitProgressLine(criterion, Console.Error, () => clock.Elapsed);
    }

    /// <summary>Adds <paramref name="detail"/> (the model's estimated cost, for a large model) to the line; null adds nothing.</summary>
    public void Describe(string? detail) => _detail = detail;

    /// <inheritdoc/>
    public void Report(FitProgress value)
    {
        if (_ended) return;
        var now = _elapsed();
        if (now < _next) return;
        _next = now + Interval;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"fitting: {value.Evaluations} evaluations, {_criterion} {value.Criterion:F4}{(_detail is null ? "" : "; " + _detail)}");
        _terminal.Write("\r" + text.PadRight(_width));
        _terminal.Flush();
        _width = Math.Max(_width, text.Length);
    }

    /// <summary>Clears the line (nothing when it never appeared); later reports (refits reusing the options) are ignored.</summary>
    public void Dispose()
    {
        _ended = true;
        if (_width == 0) return;
        _terminal.Write("\r" + new string(' ', _width) + "\r");
        _terminal.Flush();
        _width = 0;
    }
}

namespace MixedEffects.Models;

/// <summary>
/// Counts the criterion evaluations of a fit over all its searches (the two stages of a glmer fit) and tells the
/// user's <see cref="IProgress{T}"/> after each one with the lowest criterion of the current search; without a progress receiver the criterion is passed through.
/// </summary>
internal sealed class FitProgressReporter(IProgress<FitProgress>? progress)
{
    private int _evaluations;

    /// <summary>The criterion of one search, reporting every evaluation with the lowest value of this search.</summary>
    public Func<double[], double> Wrap(Func<double[], double> criterion)
    {
        if (progress is null) return criterion;
        double lowest = double.PositiveInfinity;
        return p =>
        {
            double value = criterion(p);
            _evaluations++;
            if (value < lowest) lowest = value;
            progress.Report(new FitProgress(_evaluations, lowest));
            return value;
        };
    }
}

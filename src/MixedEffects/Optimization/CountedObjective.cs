namespace MixedEffects.Optimization;

/// <summary>
/// Wraps the user's objective for one minimization: counts evaluations, remembers the first and the best
/// point, and records whether a non-finite value was returned. Owned by a single Minimize call.
/// </summary>
internal sealed class CountedObjective
{
    private readonly Func<double[], double> _objective;
    private readonly double[] _argument;

    public CountedObjective(Func<double[], double> objective, int dimension, int maxEvaluations)
    {
        _objective = objective;
        _argument = new double[dimension];
        Best = new double[dimension];
        Initial = new double[dimension];
        MaxEvaluations = maxEvaluations;
        BestValue = double.PositiveInfinity;
    }

    public int MaxEvaluations { get; }
    public int Evaluations { get; private set; }
    public bool Exhausted => Evaluations >= MaxEvaluations;
    public bool SawNonFinite { get; private set; }
    public double[] Best { get; }
    public double BestValue { get; private set; }
    public double[] Initial { get; }
    public double InitialValue { get; private set; } = double.NaN;

    /// <summary>Evaluates the objective at <paramref name="x"/> (copied first, so the caller may reuse it).</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        x.CopyTo(_argument);
        double f = _objective(_argument);
        if (Evaluations == 0)
        {
            x.CopyTo(Initial);
            InitialValue = f;
        }
        Evaluations++;
        if (!double.IsFinite(f))
        {
            SawNonFinite = true;
            return f;
        }
        if (f < BestValue)
        {
            BestValue = f;
            x.CopyTo(Best);
        }
        return f;
    }

    /// <summary>Builds the public result from the best point seen.</summary>
    public OptimizationResult ToResult(OptimizationReturnCode code, string message) => new()
    {
        Minimizer = (double[])Best.Clone(),
        Minimum = BestValue,
        Evaluations = Evaluations,
        InitialPoint = (double[])Initial.Clone(),
        InitialValue = InitialValue,
        ReturnCode = code,
        Message = message,
    };
}

using System.Text.Json.Serialization;
using MixedEffects.Optimization;

namespace MixedEffects.Reporting;

/// <summary>The <c>optimizer</c> object of the JSON report: what the optimizer did (<see cref="OptimizerSummary"/>); non-finite numbers as null.</summary>
public sealed record OptimizerReport
{
    /// <summary>The optimizer's name ("bobyqa", "lbfgsb" or "neldermead").</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>Objective evaluations of the search and its restarts.</summary>
    [JsonPropertyName("evaluations")] public required int Evaluations { get; init; }

    /// <summary>Of the evaluations and check evaluations, those that also computed the analytic gradient.</summary>
    [JsonPropertyName("gradientEvaluations")] public int GradientEvaluations { get; init; }

    /// <summary>Objective evaluations of the finite-difference derivative checks.</summary>
    [JsonPropertyName("checkEvaluations")] public required int CheckEvaluations { get; init; }

    /// <summary>Starting parameters.</summary>
    [JsonPropertyName("initial")] public required IReadOnlyList<double?> Initial { get; init; }

    /// <summary>The objective at the start.</summary>
    [JsonPropertyName("initialValue")] public required double? InitialValue { get; init; }

    /// <summary>Final parameters.</summary>
    [JsonPropertyName("final")] public required IReadOnlyList<double?> Final { get; init; }

    /// <summary>The objective at the end.</summary>
    [JsonPropertyName("finalValue")] public required double? FinalValue { get; init; }

    /// <summary>Finite-difference gradient at the end (empty when not checked).</summary>
    [JsonPropertyName("gradient")] public required IReadOnlyList<double?> Gradient { get; init; }

    /// <summary>lme4's scaled gradient criterion at the end; null when not checked.</summary>
    [JsonPropertyName("maxScaledGradient")] public required double? MaxScaledGradient { get; init; }

    /// <summary>Why the last search stopped: "converged", "function_tolerance", "max_evaluations" or "non_finite".</summary>
    [JsonPropertyName("returnCode")] public required string ReturnCode { get; init; }

    /// <summary>The last search's stop message.</summary>
    [JsonPropertyName("message")] public required string Message { get; init; }

    /// <summary>Restarts after the checks found a lower objective nearby.</summary>
    [JsonPropertyName("restarts")] public required int Restarts { get; init; }

    /// <summary>The report of <paramref name="s"/>.</summary>
    public static OptimizerReport From(OptimizerSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new OptimizerReport
        {
            Name = s.Optimizer,
            Evaluations = s.Evaluations,
            GradientEvaluations = s.GradientEvaluations,
            CheckEvaluations = s.CheckEvaluations,
            Initial = s.InitialParameters.Select(Finite).ToArray(),
            InitialValue = Finite(s.InitialValue),
            Final = s.FinalParameters.Select(Finite).ToArray(),
            FinalValue = Finite(s.FinalValue),
            Gradient = s.FinalGradient.Select(Finite).ToArray(),
            MaxScaledGradient = Finite(s.MaxScaledGradient),
            ReturnCode = s.ReturnCode switch
            {
                OptimizationReturnCode.Converged => "converged",
                OptimizationReturnCode.FunctionToleranceReached => "function_tolerance",
                OptimizationReturnCode.MaxEvaluationsReached => "max_evaluations",
                _ => "non_finite",
            },
            Message = s.Message,
            Restarts = s.Restarts,
        };
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}

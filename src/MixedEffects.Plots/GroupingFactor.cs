namespace MixedEffects.Plots;

/// <summary>A grouping factor of the fitted model: its levels in the model's order and each observation's level index.</summary>
/// <param name="Name">The factor's name as lme4 writes it (<c>Subject</c>, <c>sample:batch</c>).</param>
/// <param name="Levels">Levels in the order of the model's random-effects tables.</param>
/// <param name="Codes">Level index of each observation used in the fit.</param>
internal sealed record GroupingFactor(string Name, IReadOnlyList<string> Levels, int[] Codes);

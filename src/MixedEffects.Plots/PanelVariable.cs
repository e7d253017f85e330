namespace MixedEffects.Plots;

/// <summary>
/// The variable on the horizontal axis of per-group panels: a numeric covariate (<see cref="Levels"/> null) or a factor
/// drawn at positions 0, 1, ... with its levels as labels.
/// </summary>
/// <param name="Name">The variable's name as written in the formula.</param>
/// <param name="Values">Value of each observation (the level index for a factor).</param>
/// <param name="Levels">The factor's levels, or null for a numeric covariate.</param>
internal sealed record PanelVariable(string Name, double[] Values, IReadOnlyList<string>? Levels);

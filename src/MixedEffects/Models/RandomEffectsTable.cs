namespace MixedEffects.Models;

/// <summary>
/// Conditional modes of one random-effects term (lme4's <c>ranef</c>) with their conditional standard deviations,
/// or per-group coefficients (<c>coef</c>) when <see cref="ConditionalSd"/> is null.
/// </summary>
/// <param name="Group">The grouping factor's name.</param>
/// <param name="Columns">Column names, e.g. <c>(Intercept)</c>, <c>Days</c>.</param>
/// <param name="Levels">The grouping factor's levels.</param>
/// <param name="Values">Values [level, column].</param>
/// <param name="ConditionalSd">Conditional standard deviations [level, column], or null.</param>
public sealed record RandomEffectsTable(string Group, IReadOnlyList<string> Columns, IReadOnlyList<string> Levels,
    double[,] Values, double[,]? ConditionalSd);

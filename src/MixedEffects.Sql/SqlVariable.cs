namespace MixedEffects.Sql;

/// <summary>A model variable as the aggregation queries see it: a numeric SQL expression or a factor.</summary>
/// <param name="Name">The variable's R label.</param>
internal abstract record SqlVariable(string Name);

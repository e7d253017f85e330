namespace MixedEffects.Sql;

/// <summary>A numeric model variable: a double-precision SQL expression of the source's columns.</summary>
/// <param name="Name">The variable's R label.</param>
/// <param name="Expression">The SQL expression.</param>
internal sealed record SqlNumericVariable(string Name, string Expression) : SqlVariable(Name);

namespace MixedEffects.Sql;

/// <summary>One model-matrix column as a SQL expression.</summary>
/// <param name="Name">The column's R name, e.g. <c>(Intercept)</c> or <c>Days</c> or <c>f1:x</c>.</param>
/// <param name="Expression">The double-precision SQL expression of its value on a row.</param>
internal sealed record SqlModelColumn(string Name, string Expression);

using MixedEffects.Data;
using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// Stops a fit on infinite values in the model's variables (R: "NA/NaN/Inf in 'x'"), naming the variable,
/// the row and the value, so that an overflowing transformation never reaches the optimizer.
/// </summary>
internal static class NonFiniteValues
{
    /// <summary>Throws for the first infinite value of a numeric variable on a row that is not missing.</summary>
    /// <param name="variables">The evaluated variables (all rows).</param>
    /// <param name="missing">Rows left out of the model.</param>
    /// <param name="source">The data's name for the message.</param>
    public static void Check(IEnumerable<EvaluatedVariable> variables, bool[] missing, string source)
    {
        foreach (var variable in variables)
        {
            if (variable is not NumericValues numeric) continue;
            var values = numeric.Values;
            for (int i = 0; i < values.Length; i++)
            {
                if (missing[i] || !double.IsInfinity(values[i])) continue;
                throw new ModelSpecificationException(
                    $"{source}: model variable '{variable.Name}' is {RNumberFormat.Format(values[i])} at row {i + 1}; " +
                    "infinite values cannot be fitted");
            }
        }
    }
}

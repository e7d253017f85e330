using MixedEffects.Formulas;

namespace MixedEffects.Marginal;

/// <summary>
/// One dimension of a reference grid: a factor with its levels, or a covariate with the values it takes
/// (its mean by default).
/// </summary>
/// <param name="Name">emmeans' name: the data column for <c>factor(x)</c>, else the model variable's label.</param>
/// <param name="Variable">The model variable.</param>
/// <param name="Levels">Labels of the grid values (factor levels, or the covariate values in R's format).</param>
/// <param name="Values">The covariate values, or null for a factor.</param>
internal sealed record GridVariable(string Name, ModelVariable Variable, IReadOnlyList<string> Levels, double[]? Values)
{
    /// <summary>True for a factor.</summary>
    public bool IsFactor => Values is null;

    /// <summary>Number of grid values.</summary>
    public int Count => Levels.Count;

    /// <summary>emmeans' name of a model variable: <c>x</c> for <c>factor(x)</c>, the label otherwise.</summary>
    public static string NameOf(ModelVariable variable) =>
        variable.IsFactorCall && variable.Expression is CallExpression { Arguments: [VariableExpression v, ..] } ? v.Name : variable.Name;
}

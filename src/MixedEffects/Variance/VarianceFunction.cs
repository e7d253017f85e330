using System.Text.RegularExpressions;
using MixedEffects.Design;

namespace MixedEffects.Variance;

/// <summary>
/// A residual variance function as nlme defines it (Pinheiro and Bates 2000, ch. 5): Var(e_i) = sigma^2 g_i^2, with
/// g from <see cref="VarIdent"/> (one standard deviation per stratum), <see cref="VarExp"/> (exp(t x)) or
/// <see cref="VarPower"/> (|x|^d). Immutable; bind it to a model frame to evaluate g.
/// </summary>
public abstract record VarianceFunction
{
    private static readonly Regex Call = new(@"^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*\((.*)\)\s*$", RegexOptions.Singleline);
    private static readonly Regex FormArgument = new(@"^\s*(form\s*=\s*)?~(.*)$", RegexOptions.Singleline);
    private static readonly Regex Name = new(@"^\s*(`[^`]+`|[A-Za-z_.][A-Za-z0-9_.]*)\s*$");

    /// <summary>nlme's class name: <c>varIdent</c>, <c>varExp</c> or <c>varPower</c>.</summary>
    public abstract string Structure { get; }

    /// <summary>The formula as nlme prints it, e.g. <c>~1 | session</c> or <c>~Time</c>.</summary>
    public abstract string Form { get; }

    /// <summary>nlme's description printed after <c>Structure:</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The function as written in a call, e.g. <c>varIdent(~ 1 | session)</c>.</summary>
    public sealed override string ToString() => $"{Structure}({Form.Replace("~", "~ ", StringComparison.Ordinal)})";

    /// <summary>Evaluates the function's variables on the rows of a model frame.</summary>
    /// <exception cref="MixedEffectsException">A variable is missing, or the data cannot support the function.</exception>
    internal abstract BoundVarianceFunction Bind(ModelFrame frame);

    /// <summary>
    /// Parses <c>varIdent(~ 1 | f)</c>, <c>varIdent(~ 1 | f1 * f2)</c>, <c>varExp(~ x)</c> or <c>varPower(~ x)</c>
    /// (<c>form =</c> may be written; x may be <c>fitted(.)</c>, the fitted values, for generalized least squares).
    /// </summary>
    /// <exception cref="ModelSpecificationException">Unknown function or a malformed form.</exception>
    public static VarianceFunction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var call = Call.Match(text);
        if (!call.Success)
            throw new ModelSpecificationException(
                $"variance function '{text.Trim()}' is not of the form varIdent(~ 1 | f), varExp(~ x) or varPower(~ x)");
        string function = call.Groups[1].Value;
        var form = FormArgument.Match(call.Groups[2].Value);
        string known = "varIdent, varExp, varPower";
        if (function is not ("varIdent" or "varExp" or "varPower"))
            throw new ModelSpecificationException($"unknown variance function '{function}' (known: {known})");
        if (!form.Success)
            throw new ModelSpecificationException($"{function}: expected a one-sided formula such as {Example(function)}, got '{call.Groups[2].Value.Trim()}'");
        string rhs = form.Groups[2].Value.Trim();
        if (function == "varIdent")
        {
            int bar = rhs.IndexOf('|', StringComparison.Ordinal);
            if (bar < 0 || rhs[..bar].Trim() != "1")
                throw new ModelSpecificationException($"varIdent: expected '~ 1 | f' (a factor, or f1 * f2), got '~ {rhs}'");
            var strata = rhs[(bar + 1)..].Split('*').Select(s => VariableName(function, s)).ToArray();
            return new VarIdent(strata);
        }
        var covariate = VariableName(function, rhs);
        return function == "varExp" ? new VarExp(covariate) : new VarPower(covariate);
    }

    /// <summary>
    /// The covariate <c>fitted(.)</c> of varExp and varPower (nlme's default form of varPower): the model's fitted values,
    /// available in generalized least squares.
    /// </summary>
    internal const string FittedValues = "fitted(.)";

    private static string Example(string function) => function == "varIdent" ? "~ 1 | f" : "~ x";

    private static string VariableName(string function, string text)
    {
        if (function != "varIdent" && text.Trim() == FittedValues) return FittedValues;
        var m = Name.Match(text);
        if (!m.Success)
            throw new ModelSpecificationException($"{function}: '{text.Trim()}' is not a column name");
        return m.Groups[1].Value.Trim('`');
    }
}

namespace MixedEffects.Formulas;

/// <summary>Builds formula syntax errors with a uniform one-line message.</summary>
internal static class FormulaErrors
{
    /// <summary>An error at a 1-based position: "formula error at position N: message".</summary>
    public static FormulaSyntaxException At(int position, string message) =>
        new(position, $"formula error at position {position}: {message}");

    /// <summary>An error whose message already names the position.</summary>
    public static FormulaSyntaxException Plain(int position, string message) =>
        new(position, $"formula error: {message}");
}

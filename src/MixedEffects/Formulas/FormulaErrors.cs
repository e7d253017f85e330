namespace MixedEffects.Formulas;

/// <summary>Builds formula syntax errors with a uniform one-line message.</summary>
internal static class FormulaErrors
{
    /// <summary>An error at a 1-based position: "formula error at position N: message".</summary>
    public static FormulaSyntaxException At(int position, string message) =>
        new(position, $"formula error at position {position}: {message}");

    /// <summary>The formula is too deeply nested to be processed on the current thread's stack.</summary>
    public static FormulaSyntaxException TooDeep(int position) =>
        At(position, "the formula is nested too deeply to be processed");

    /// <summary>Stops with <see cref="TooDeep"/> when little stack is left, before a recursive step over a formula node.</summary>
    public static void EnsureStack(FormulaExpression node)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw TooDeep(node.Position);
    }

    /// <summary>An error whose message already names the position.</summary>
    public static FormulaSyntaxException Plain(int position, string message) =>
        new(position, $"formula error: {message}");
}

namespace MixedEffects.Formulas;

/// <summary>
/// One variable of a model term: a column, or an expression of columns such as <c>factor(x)</c>,
/// <c>log(x)</c> or <c>I(x^2)</c>. <see cref="Name"/> is the label R gives it (e.g. <c>factor(Product)</c>).
/// </summary>
/// <param name="Expression">The expression to evaluate on the data.</param>
public sealed record ModelVariable(FormulaExpression Expression)
{
    /// <summary>The label R uses for the variable, e.g. <c>Days</c>, <c>factor(Product)</c>, <c>I(x^2)</c>.</summary>
    public string Name => Expression.ToRString();

    /// <summary>True when the expression is <c>factor(...)</c> or <c>as.factor(...)</c>, forcing a categorical variable.</summary>
    public bool IsFactorCall => Expression is CallExpression { Function: "factor" or "as.factor" or "ordered" or "relevel" or "C" };

    /// <summary>The column names the expression reads, in order of appearance.</summary>
    public IReadOnlyList<string> ColumnNames() => FormulaColumns.Collect(Expression);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A fixed-effects term: one variable, or an interaction <c>a:b</c> of several.</summary>
/// <param name="Variables">The variables of the interaction in R's order (order of first appearance in the formula).</param>
public sealed record ModelTerm(IReadOnlyList<ModelVariable> Variables)
{
    /// <summary>R's term label: the variable names joined by <c>:</c>.</summary>
    public string Label => string.Join(":", Variables.Select(v => v.Name));

    /// <summary>The interaction order (1 for a main effect).</summary>
    public int Order => Variables.Count;

    /// <inheritdoc />
    public bool Equals(ModelTerm? other) => other is not null && Label == other.Label;

    /// <inheritdoc />
    public override int GetHashCode() => Label.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Label;
}

/// <summary>A list of terms with an intercept flag: the fixed part, or the left side of a random-effects bar.</summary>
/// <param name="HasIntercept">True unless removed by <c>0</c> or <c>-1</c>.</param>
/// <param name="Terms">Terms in R's order: by interaction order, then order of appearance.</param>
public sealed record TermList(bool HasIntercept, IReadOnlyList<ModelTerm> Terms);

/// <summary>One random-effects term <c>(effects | group)</c> after expanding <c>||</c> and <c>/</c>.</summary>
/// <param name="Effects">The left side of the bar.</param>
/// <param name="Grouping">The grouping variables; several for an interaction group such as <c>b:a</c>.</param>
/// <param name="Correlated">False for a term produced by splitting a <c>||</c> bar (diagonal covariance).</param>
public sealed record RandomEffectsSpec(TermList Effects, IReadOnlyList<ModelVariable> Grouping, bool Correlated = true)
{
    /// <summary>The grouping factor's name as lme4 prints it, e.g. <c>Subject</c> or <c>sample:batch</c>.</summary>
    public string GroupName => string.Join(":", Grouping.Select(g => g.Name));
}

/// <summary>A formula expanded into model terms: response, fixed terms, offsets and random-effects terms.</summary>
/// <param name="Response">The response expression (may be <c>cbind(s, f)</c>), null for a one-sided formula.</param>
/// <param name="Fixed">The fixed-effects terms.</param>
/// <param name="Offsets">Expressions inside <c>offset(...)</c>, summed.</param>
/// <param name="Random">The random-effects terms in the order written (after expansion).</param>
public sealed record ModelSpecification(
    ModelVariable? Response,
    TermList Fixed,
    IReadOnlyList<ModelVariable> Offsets,
    IReadOnlyList<RandomEffectsSpec> Random)
{
    /// <summary>
    /// Every column the right-hand side names, including those of removed terms (<c>- qq</c>): as in R, each
    /// must exist in the data even when its term is removed.
    /// </summary>
    public IReadOnlyList<string> ReferencedColumns { get; init; } = [];

    /// <summary>Warnings from expanding the formula (the response dropped from the right-hand side).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Parses and expands a formula.</summary>
    public static ModelSpecification FromFormula(string formula) => TermExpander.Expand(Formula.Parse(formula));

    /// <summary>Every column the model reads (response, fixed, offsets, grouping), without duplicates.</summary>
    public IReadOnlyList<string> AllColumns()
    {
        var names = new List<string>();
        void Add(ModelVariable v) { foreach (var c in v.ColumnNames()) if (!names.Contains(c)) names.Add(c); }
        if (Response is not null) Add(Response);
        foreach (var t in Fixed.Terms) foreach (var v in t.Variables) Add(v);
        foreach (var o in Offsets) Add(o);
        foreach (var r in Random)
        {
            foreach (var t in r.Effects.Terms) foreach (var v in t.Variables) Add(v);
            foreach (var g in r.Grouping) Add(g);
        }
        return names;
    }
}

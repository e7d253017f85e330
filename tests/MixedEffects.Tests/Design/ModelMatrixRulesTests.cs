using MixedEffects.Design;
using MixedEffects.Formulas;
using Xunit;

namespace MixedEffects.Tests.Design;

/// <summary>
/// Column names of the fixed-effects model matrix against R's <c>model.matrix</c> for every formula of
/// modelmatrix.json: which factor of a term is coded by contrasts and which by indicators, with and
/// without an intercept.
/// </summary>
public class ModelMatrixRulesTests
{
    public static IEnumerable<object[]> Formulas => ModelMatrixGolden.Formulas();

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Column_names_match_R_model_matrix(string formula)
    {
        var expected = ModelMatrixGolden.Cases().First(c => c.Formula == formula).Columns;
        Assert.Equal(expected, ColumnNames(formula));
    }

    [Theory]
    [InlineData("y ~ x:z + f:z", "(Intercept),x:z,z:fB,z:fC")]
    [InlineData("y ~ 0 + x + x:f", "x,x:fA,x:fB,x:fC")]
    public void The_two_reported_cases_follow_R(string formula, string columns)
    {
        Assert.Contains(ModelMatrixGolden.Cases(), c => c.Formula == formula && string.Join(",", c.Columns) == columns);
        Assert.Equal(columns.Split(','), ColumnNames(formula));
    }

    internal static string[] ColumnNames(string formula)
    {
        var specification = ModelSpecification.FromFormula(formula);
        var frame = ModelFrame.Build(specification, ModelMatrixGolden.Data);
        return FixedEffectsMatrix.Build(frame, ContrastCoding.Treatment).FullMatrix.ColumnNames.ToArray();
    }
}

using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;

namespace MixedEffects.Marginal;

/// <summary>
/// emmeans' reference grid: every combination of the levels of each factor in the fixed effects and the
/// values of each covariate (its mean unless given), the first variable varying fastest; for each cell its
/// row of the full fixed-effects matrix (built with the model's own coding rules), whether it is estimable
/// when X is rank deficient, and how many observations fall into it (for proportional and cell weights).
/// </summary>
internal sealed class ReferenceGrid
{
    private ReferenceGrid(IReadOnlyList<GridVariable> variables, double[][] rows, bool[] estimable, int[] counts)
    {
        Variables = variables;
        Rows = rows;
        Estimable = estimable;
        Counts = counts;
    }

    /// <summary>The grid dimensions in the model's order of first appearance.</summary>
    public IReadOnlyList<GridVariable> Variables { get; }

    /// <summary>Rows of the full X, one per cell.</summary>
    public double[][] Rows { get; }

    /// <summary>False for cells whose mean is not estimable in a rank-deficient model.</summary>
    public bool[] Estimable { get; }

    /// <summary>Observations in each cell (factors only; covariate values do not split counts).</summary>
    public int[] Counts { get; }

    /// <summary>Number of cells.</summary>
    public int CellCount => Rows.Length;

    /// <summary>The index of each variable's value in a cell (first variable fastest).</summary>
    public int[] Coordinates(int cell)
    {
        var c = new int[Variables.Count];
        for (int k = 0; k < c.Length; k++)
        {
            c[k] = cell % Variables[k].Count;
            cell /= Variables[k].Count;
        }
        return c;
    }

    /// <summary>The index of a grid variable by emmeans' name or by the model's label, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int k = 0; k < Variables.Count; k++)
            if (Variables[k].Name == name || Variables[k].Variable.Name == name) return k;
        return -1;
    }

    /// <summary>Builds the grid for a model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="at">Covariate values to use instead of the mean, by data column (or model variable) name.</param>
    /// <param name="covariateRange">When true, covariates not in <paramref name="at"/> take their mean minus and plus 1 (emmeans' <c>meanint</c>, the <c>cov.reduce</c> of <c>joint_tests</c>).</param>
    public static ReferenceGrid Build(MarginalModelInfo model, IReadOnlyDictionary<string, double[]>? at, bool covariateRange = false) =>
        Build(model, at, covariateRange, shift: null);

    /// <summary>
    /// Builds the grid as <see cref="Build(MarginalModelInfo, IReadOnlyDictionary{string, double[]}?, bool)"/>, with the rows of X
    /// evaluated after adding <c>shift.Delta</c> to the covariate column <c>shift.Column</c> (emtrends' finite difference).
    /// </summary>
    /// <remarks>
    /// As emmeans, covariates are the data columns read by the numeric model variables: <c>log(x)</c> and <c>I(x^2)</c>
    /// contribute the grid variable <c>x</c> (at the mean of x, not of log(x)), and each model variable is evaluated on the grid.
    /// </remarks>
    public static ReferenceGrid Build(MarginalModelInfo model, IReadOnlyDictionary<string, double[]>? at, bool covariateRange,
        (string Column, double Delta)? shift)
    {
        var frame = model.Frame;
        var modelVariables = new List<ModelVariable>();
        foreach (var term in model.Specification.Fixed.Terms)
            foreach (var v in term.Variables)
                if (!modelVariables.Any(m => m.Name == v.Name)) modelVariables.Add(v);

        var used = new HashSet<string>(StringComparer.Ordinal);
        var variables = new List<GridVariable>();
        foreach (var v in modelVariables)
        {
            string name = GridVariable.NameOf(v);
            switch (frame[v])
            {
                case FactorValues f:
                    if (at is not null && (at.ContainsKey(name) || at.ContainsKey(v.Name)))
                        throw new ModelSpecificationException($"'at' gives values for factor '{name}'; 'at' is for covariates only");
                    variables.Add(new GridVariable(name, v, f.Levels, null));
                    break;
                case NumericValues or MatrixValues:
                    foreach (var column in v.ColumnNames())
                    {
                        if (variables.Any(g => !g.IsFactor && g.Name == column)) continue;
                        var observed = CovariateColumn(frame, column);
                        double[] values;
                        string? key = at is null ? null
                            : at.ContainsKey(column) ? column
                            : at.ContainsKey(v.Name) && v.ColumnNames().Count == 1 ? v.Name : null;
                        if (key is not null)
                        {
                            var given = at![key];
                            if (given.Length == 0)
                                throw new ModelSpecificationException($"'at' gives no values for covariate '{column}'");
                            values = (double[])given.Clone();
                            used.Add(key);
                        }
                        else if (covariateRange)
                        {
                            double mean = Mean(observed, model.RowCounts);
                            values = [mean - 1, mean + 1];
                        }
                        else
                        {
                            values = [Mean(observed, model.RowCounts)];
                        }
                        variables.Add(new GridVariable(column, new ModelVariable(new VariableExpression(column)), values.Select(FormatValue).ToArray(), values));
                    }
                    break;
            }
        }
        if (at is not null)
            foreach (var key in at.Keys)
                if (!used.Contains(key))
                    throw new ModelSpecificationException(
                        $"'at' names '{key}', which is not a covariate of the model's fixed effects");
        if (shift is { } sh && !variables.Any(g => !g.IsFactor && g.Name == sh.Column))
            throw new ModelSpecificationException($"'{sh.Column}' is not a covariate of the model's fixed effects");

        int cells = variables.Aggregate(1, (acc, g) => checked(acc * g.Count));
        var coordinates = new int[cells][];
        for (int cell = 0; cell < cells; cell++)
        {
            var c = new int[variables.Count];
            int rest = cell;
            for (int k = 0; k < c.Length; k++) { c[k] = rest % variables[k].Count; rest /= variables[k].Count; }
            coordinates[cell] = c;
        }

        var columns = new List<DataColumn>();
        for (int k = 0; k < variables.Count; k++)
        {
            var g = variables[k];
            if (g.IsFactor) continue;
            double delta = shift is { } s && s.Column == g.Name ? s.Delta : 0;
            columns.Add(new NumericColumn(g.Name, coordinates.Select(c => g.Values![c[k]] + delta)));
        }
        var gridData = new Dataset(columns, "reference grid");
        var byName = new Dictionary<string, EvaluatedVariable>(StringComparer.Ordinal);
        for (int k = 0; k < variables.Count; k++)
        {
            var g = variables[k];
            if (g.IsFactor)
                byName[g.Variable.Name] = new FactorValues(g.Variable.Name, g.Levels, coordinates.Select(c => c[k]).ToArray())
                    { Contrasts = ((FactorValues)frame[g.Variable]).Contrasts };
        }
        foreach (var v in modelVariables)
            if (!byName.ContainsKey(v.Name)) byName[v.Name] = VariableEvaluator.Evaluate(v.Expression, gridData, frame.Data);
        var x = ModelMatrixBuilder.Build(model.Specification.Fixed, v => byName[v.Name], cells, model.Coding);
        if (!x.ColumnNames.SequenceEqual(model.FullColumnNames))
            throw new InvalidOperationException("the reference grid's model matrix columns differ from the fitted model's");
        var rows = new double[cells][];
        var estimable = new bool[cells];
        for (int cell = 0; cell < cells; cell++)
        {
            rows[cell] = x.Columns.Select(col => col[cell]).ToArray();
            estimable[cell] = model.IsEstimable(rows[cell]);
        }
        return new ReferenceGrid(variables, rows, estimable, CountCells(frame, model.RowCounts, variables, coordinates));
    }

    /// <summary>
    /// emtrends' grid: each row becomes the forward difference (X(x + h) - X(x)) / h in the covariate column
    /// <paramref name="variable"/>, with h = 0.001 times the range of that column in the data used by the fit (emmeans'
    /// default <c>delta.var</c>). The result is exact for terms linear in the covariate.
    /// </summary>
    /// <exception cref="ModelSpecificationException">The variable is not a covariate of the fixed effects, or is constant.</exception>
    public ReferenceGrid Trend(MarginalModelInfo model, IReadOnlyDictionary<string, double[]>? at, string variable)
    {
        int k = IndexOf(variable);
        if (k < 0 || Variables[k].IsFactor)
            throw new ModelSpecificationException($"'{variable}' is not a covariate of the model's fixed effects");
        var observed = CovariateColumn(model.Frame, Variables[k].Name);
        double h = 0.001 * (observed.Max() - observed.Min());
        if (!(h > 0)) throw new ModelSpecificationException($"covariate '{variable}' is constant in the data; its trend is not defined");
        var shifted = Build(model, at, covariateRange: false, shift: (Variables[k].Name, h));
        var rows = Rows.Select((row, cell) => row.Select((x, j) => (shifted.Rows[cell][j] - x) / h).ToArray()).ToArray();
        var estimable = rows.Select((row, cell) => Estimable[cell] && shifted.Estimable[cell] && model.IsEstimable(row)).ToArray();
        return new ReferenceGrid(Variables, rows, estimable, Counts);
    }

    /// <summary>The values of a covariate's data column on the rows used in the fit.</summary>
    /// <exception cref="ModelSpecificationException">The column is not numeric.</exception>
    internal static double[] CovariateColumn(ModelFrame frame, string column)
    {
        if (frame.Data[column] is not NumericColumn numeric)
            throw new ModelSpecificationException($"column '{column}' is used as a number in the formula but is not numeric");
        var result = new double[frame.RowCount];
        for (int i = 0; i < result.Length; i++) result[i] = numeric[frame.Rows[i]];
        return result;
    }

    /// <summary>The mean over the data rows: each frame row counted <paramref name="rowCounts"/> times (once when null).</summary>
    private static double Mean(double[] values, double[]? rowCounts)
    {
        if (rowCounts is null) return values.Average();
        double sum = 0, count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += rowCounts[i] * values[i];
            count += rowCounts[i];
        }
        return sum / count;
    }

    private static int[] CountCells(ModelFrame frame, double[]? rowCounts, IReadOnlyList<GridVariable> variables, int[][] coordinates)
    {
        var factorIndex = Enumerable.Range(0, variables.Count).Where(k => variables[k].IsFactor).ToArray();
        var codes = factorIndex.Select(k => ((FactorValues)frame[variables[k].Variable]).Codes).ToArray();
        var sizes = factorIndex.Select(k => variables[k].Count).ToArray();
        int Key(Func<int, int> code)
        {
            int key = 0, mult = 1;
            for (int f = 0; f < factorIndex.Length; f++) { key += code(f) * mult; mult *= sizes[f]; }
            return key;
        }
        var tally = new Dictionary<int, int>();
        for (int r = 0; r < frame.RowCount; r++)
        {
            int key = Key(f => codes[f][r]);
            tally[key] = tally.GetValueOrDefault(key) + (rowCounts is null ? 1 : (int)rowCounts[r]);
        }
        return coordinates.Select(c => tally.GetValueOrDefault(Key(f => c[factorIndex[f]]))).ToArray();
    }

    /// <summary>A covariate value as R prints it with 7 significant digits (emmeans' grid labels).</summary>
    internal static string FormatValue(double value) =>
        value.ToString("G7", CultureInfo.InvariantCulture).Replace("E+0", "e+0").Replace("E-0", "e-0").Replace("E", "e");
}

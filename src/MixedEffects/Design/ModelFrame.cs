using MixedEffects.Data;
using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// The variables a model uses, evaluated on the data, restricted to the rows where none is missing
/// (R's <c>model.frame</c> with <c>na.action = na.omit</c>).
/// </summary>
public sealed class ModelFrame
{
    private readonly Dictionary<string, EvaluatedVariable> _variables;

    private ModelFrame(ModelSpecification specification, Dictionary<string, EvaluatedVariable> variables,
        IReadOnlyList<EvaluatedVariable> response, double[]? weights, double[] offset, int[] rows, int droppedRows,
        int zeroWeightRows, Dataset data)
    {
        ZeroWeightRows = zeroWeightRows;
        Warnings = [.. specification.Warnings, .. ZeroWeightWarning(zeroWeightRows)];
        Specification = specification;
        _variables = variables;
        Response = response;
        Weights = weights;
        Offset = offset;
        Rows = rows;
        DroppedRows = droppedRows;
        Data = data;
    }

    /// <summary>The expanded formula.</summary>
    public ModelSpecification Specification { get; }

    /// <summary>The response: one variable, or two for <c>cbind(successes, failures)</c>.</summary>
    public IReadOnlyList<EvaluatedVariable> Response { get; }

    /// <summary>Prior weights, or null when none were given.</summary>
    public double[]? Weights { get; }

    /// <summary>The summed offset terms (zeros when there are none).</summary>
    public double[] Offset { get; }

    /// <summary>Indices of the data rows kept, in order.</summary>
    public int[] Rows { get; }

    /// <summary>Number of rows dropped because a variable the model uses was missing.</summary>
    public int DroppedRows { get; }

    /// <summary>Number of rows with a prior weight of zero, left out of the fit as R's <c>lm</c> leaves them out of its residual df.</summary>
    public int ZeroWeightRows { get; }

    /// <summary>Warnings about the frame: the response dropped from the right-hand side, zero-weight rows left out.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Number of rows kept.</summary>
    public int RowCount => Rows.Length;

    /// <summary>The data the frame was built from (all rows).</summary>
    public Dataset Data { get; }

    /// <summary>The same frame with other weights (a residual variance structure's weights at its estimates).</summary>
    internal ModelFrame WithWeights(double[] weights) =>
        new(Specification, _variables, Response, weights, Offset, Rows, DroppedRows, ZeroWeightRows, Data);

    /// <summary>The evaluated variable with the given R label (complete rows only).</summary>
    public EvaluatedVariable this[ModelVariable variable] => _variables[variable.Name];

    /// <summary>Builds the frame: evaluates every variable, drops rows with any missing value.</summary>
    /// <param name="specification">The expanded formula.</param>
    /// <param name="data">The data.</param>
    /// <param name="weightsColumn">Optional name of a numeric column of prior weights.</param>
    public static ModelFrame Build(ModelSpecification specification, Dataset data, string? weightsColumn = null) =>
        Build(specification, data, weightsColumn, levelsFrom: null);

    /// <summary>
    /// Builds a frame of new data for prediction: no response, factor levels matched by name to the
    /// training frame's levels (codes -1 for a level the training data did not have).
    /// </summary>
    public static ModelFrame BuildForPrediction(ModelSpecification specification, Dataset newData, ModelFrame training) =>
        Build(specification with { Response = null }, newData, null, training);

    private static ModelFrame Build(ModelSpecification specification, Dataset data, string? weightsColumn, ModelFrame? levelsFrom)
    {
        if (levelsFrom is null)
            foreach (var column in specification.ReferencedColumns) _ = data[column];
        var full = new Dictionary<string, EvaluatedVariable>(StringComparer.Ordinal);
        void Add(ModelVariable v)
        {
            if (!full.ContainsKey(v.Name)) full[v.Name] = VariableEvaluator.Evaluate(v.Expression, data, levelsFrom?.Data);
        }

        var responseFull = new List<EvaluatedVariable>();
        if (specification.Response is { } resp)
        {
            if (resp.Expression is CallExpression { Function: "cbind" } cb)
            {
                if (cb.Arguments.Count != 2)
                    throw new ModelSpecificationException($"cbind() in the response needs two columns (successes, failures), got {cb.Arguments.Count}");
                foreach (var a in cb.Arguments) responseFull.Add(VariableEvaluator.Evaluate(new ModelVariable(a), data));
            }
            else
            {
                responseFull.Add(VariableEvaluator.Evaluate(resp, data));
            }
        }
        foreach (var t in specification.Fixed.Terms) foreach (var v in t.Variables) Add(v);
        foreach (var o in specification.Offsets) Add(o);
        foreach (var r in specification.Random)
        {
            foreach (var t in r.Effects.Terms) foreach (var v in t.Variables) Add(v);
            foreach (var g in r.Grouping) Add(g);
        }
        if (levelsFrom is not null)
        {
            var grouping = new HashSet<string>(specification.Random.SelectMany(r => r.Grouping).Select(g => g.Name), StringComparer.Ordinal);
            foreach (var key in full.Keys.ToList())
                full[key] = MatchLevels(full[key], levelsFrom._variables[key], data.Source, allowUnseen: grouping.Contains(key));
        }

        double[]? weightsFull = null;
        if (weightsColumn is not null)
        {
            if (data[weightsColumn] is not NumericColumn wc)
                throw new ModelSpecificationException(NonNumericCell.Describe(data, weightsColumn) is { } cell
                    ? $"{cell}, so the weights column '{weightsColumn}' is text, not numeric"
                    : $"weights column '{weightsColumn}' is not numeric");
            weightsFull = wc.Values.ToArray();
        }

        int n = data.RowCount;
        var missing = new bool[n];
        if (levelsFrom is null)
        {
            foreach (var v in responseFull) MarkMissing(v, missing);
            foreach (var v in full.Values) MarkMissing(v, missing);
            if (weightsFull is not null)
                for (int i = 0; i < n; i++) missing[i] |= double.IsNaN(weightsFull[i]);
        }
        int keptCount = 0;
        for (int i = 0; i < n; i++) if (!missing[i]) keptCount++;
        if (keptCount == 0)
            throw new DataFileException($"{data.Source}: no rows left after dropping the {n} rows with missing values in the model's variables");
        int zeroWeightRows = 0;
        if (weightsFull is not null)
        {
            for (int i = 0; i < n; i++)
                if (!missing[i] && weightsFull[i] == 0) { missing[i] = true; zeroWeightRows++; keptCount--; }
            if (keptCount == 0)
                throw new ModelSpecificationException($"{data.Source}: every row has weight 0 in weights column '{weightsColumn}'");
        }
        if (levelsFrom is null)
            NonFiniteValues.Check(responseFull.Concat(full.Values), missing, data.Source);
        var rows = new int[keptCount];
        for (int i = 0, k = 0; i < n; i++) if (!missing[i]) rows[k++] = i;

        var kept = full.ToDictionary(kv => kv.Key, kv => Subset(kv.Value, rows), StringComparer.Ordinal);
        var response = responseFull.Select(v => Subset(v, rows)).ToArray();
        var offset = new double[rows.Length];
        foreach (var o in specification.Offsets)
        {
            if (kept[o.Name] is not NumericValues ov)
                throw new ModelSpecificationException($"offset '{o.Name}' is not numeric");
            for (int i = 0; i < rows.Length; i++) offset[i] += ov.Values[i];
        }
        var weights = weightsFull is null ? null : Gather(weightsFull, rows);
        if (weights is not null && weights.Any(w => w < 0 || double.IsInfinity(w)))
            throw new ModelSpecificationException($"weights column '{weightsColumn}' has negative or infinite values");
        return new ModelFrame(specification, kept, response, weights, offset, rows, n - rows.Length - zeroWeightRows,
            zeroWeightRows, data);
    }

    private static IEnumerable<string> ZeroWeightWarning(int rows)
    {
        if (rows > 0) yield return rows == 1 ? "1 row with zero weight dropped" : $"{rows} rows with zero weight dropped";
    }

    /// <summary>The response as numbers; throws when it is a factor or a cbind pair.</summary>
    public double[] NumericResponse()
    {
        if (Response.Count != 1)
            throw new ModelSpecificationException("this model needs a single numeric response, not cbind(...)");
        return Response[0] switch
        {
            NumericValues nv => nv.Values,
            _ => throw new ModelSpecificationException(
                NonNumericCell.Describe(Data, Response[0].Name) is { } cell
                    ? $"{cell}, so the response '{Response[0].Name}' is text; a linear mixed model needs a numeric response"
                    : $"response '{Response[0].Name}' is not numeric (it has text values); a linear mixed model needs a numeric response"),
        };
    }

    /// <summary>Recodes a factor of new data onto the training levels; numeric stays numeric.</summary>
    private static EvaluatedVariable MatchLevels(EvaluatedVariable v, EvaluatedVariable training, string source, bool allowUnseen)
    {
        var matched = MatchLevels(v, training, source);
        if (!allowUnseen && matched is FactorValues mf && v is FactorValues of)
        {
            for (int i = 0; i < mf.Codes.Length; i++)
                if (mf.Codes[i] < 0 && of.Codes[i] >= 0)
                    throw new ModelSpecificationException(
                        $"{source}: level '{of.Levels[of.Codes[i]]}' of '{v.Name}' (row {i + 1}) was not in the data the model was fitted to");
        }
        return matched;
    }

    private static EvaluatedVariable MatchLevels(EvaluatedVariable v, EvaluatedVariable training, string source)
    {
        switch (v, training)
        {
            case (FactorValues f, FactorValues t):
                var index = t.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
                var codes = f.Codes.Select(c => c < 0 ? -2 : index.TryGetValue(f.Levels[c], out var k) ? k : -1).ToArray();
                // -2 marks missing, -1 an unseen level; both are kept for the caller to resolve
                return new FactorValues(f.Name, t.Levels, codes.Select(c => c == -2 ? -1 : c).ToArray()) { Contrasts = t.Contrasts };
            case (NumericValues, NumericValues) or (MatrixValues, MatrixValues):
                return v;
            case (NumericValues nv, FactorValues t):
                var byLabel = t.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
                return new FactorValues(nv.Name, t.Levels, nv.Values.Select(x =>
                    double.IsNaN(x) ? -1 : byLabel.TryGetValue(Formulas.RNumberFormat.Format(x), out var k) ? k : -1).ToArray()) { Contrasts = t.Contrasts };
            default:
                throw new ModelSpecificationException($"{source}: variable '{v.Name}' is {(v is FactorValues ? "text" : "numeric")} in the new data but was not in the model's data");
        }
    }

    /// <summary>Sets <paramref name="missing"/>[i] for every row where <paramref name="v"/> is missing.</summary>
    private static void MarkMissing(EvaluatedVariable v, bool[] missing)
    {
        switch (v)
        {
            case NumericValues nv:
                for (int i = 0; i < missing.Length; i++) missing[i] |= double.IsNaN(nv.Values[i]);
                break;
            case FactorValues fv:
                for (int i = 0; i < missing.Length; i++) missing[i] |= fv.Codes[i] < 0;
                break;
            default:
                for (int i = 0; i < missing.Length; i++) missing[i] |= v.IsMissing(i);
                break;
        }
    }

    private static EvaluatedVariable Subset(EvaluatedVariable v, int[] rows) => v switch
    {
        NumericValues nv => nv with { Values = Gather(nv.Values, rows) },
        FactorValues fv => fv with { Codes = Gather(fv.Codes, rows) },
        MatrixValues mv => mv with { Columns = mv.Columns.Select(c => Gather(c, rows)).ToArray() },
        _ => throw new InvalidOperationException("unknown variable kind"),
    };

    private static T[] Gather<T>(T[] values, int[] rows)
    {
        var result = new T[rows.Length];
        for (int i = 0; i < rows.Length; i++) result[i] = values[rows[i]];
        return result;
    }
}

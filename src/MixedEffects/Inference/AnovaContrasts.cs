using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// The hypothesis matrices of lmerTest's ANOVA tables, one per fixed term (rows are contrasts on beta):
/// type I from the Doolittle decomposition of X'X; type II from the same decomposition with the term and the terms
/// containing it moved last (a marginal test for terms contained in no other); type III from the regression of a
/// full indicator design on X, orthogonalized against containing terms (lmerTest's construction).
/// </summary>
internal sealed class AnovaContrasts
{
    private const double DoolittleTolerance = 1e-6;
    private readonly FixedTermDesign _design;
    private readonly ModelMatrix _x;
    private readonly IReadOnlyList<ModelTerm> _terms;
    private readonly int[][] _termColumns;

    public AnovaContrasts(FixedTermDesign design)
    {
        _design = design;
        _x = design.X;
        _terms = design.Frame.Specification.Fixed.Terms;
        _termColumns = ColumnsOfTerms(_x, _terms.Count);
    }

    /// <summary>Term labels in model order.</summary>
    public IReadOnlyList<string> TermLabels => _terms.Select(t => t.Label).ToArray();

    /// <summary>The contrast matrices of all terms for the given type.</summary>
    public IReadOnlyList<double[,]> For(AnovaType type)
    {
        int p = _x.ColumnCount;
        if (type == AnovaType.I || p <= 1 || _terms.Count <= 1) return TypeI(_x);
        return type == AnovaType.II ? TypeII() : TypeIII();
    }

    private static int[][] ColumnsOfTerms(ModelMatrix x, int termCount) =>
        Enumerable.Range(0, termCount).Select(t => Enumerable.Range(0, x.ColumnCount).Where(j => x.TermIndex[j] == t).ToArray()).ToArray();

    private IReadOnlyList<double[,]> TypeI(ModelMatrix x)
    {
        int p = x.ColumnCount;
        var l = p == 1 ? new double[,] { { 1 } } : Transpose(Doolittle(_design.Cross(x.Columns, x.Columns)));
        return _termColumns.Select(cols => SelectRows(l, cols)).ToArray();
    }

    private IReadOnlyList<double[,]> TypeII()
    {
        var contained = Containment();
        int p = _x.ColumnCount;
        var xtx = _design.Cross(_x.Columns, _x.Columns);
        return Enumerable.Range(0, _terms.Count).Select(t =>
        {
            if (contained[t].Count == 0)
            {
                var m = new double[_termColumns[t].Length, p];
                for (int r = 0; r < _termColumns[t].Length; r++) m[r, _termColumns[t][r]] = 1;
                return m;
            }
            var last = _termColumns[t].Concat(contained[t].SelectMany(c => _termColumns[c])).ToArray();
            var order = Enumerable.Range(0, p).Except(last).Concat(last).ToArray();
            var permuted = new double[p, p];
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++) permuted[i, j] = xtx[order[i], order[j]];
            var lc = Transpose(Doolittle(permuted));
            var rows = Enumerable.Range(0, p).Where(i => _x.TermIndex[order[i]] == t).ToArray();
            var result = new double[rows.Length, p];
            for (int r = 0; r < rows.Length; r++)
                for (int j = 0; j < p; j++) result[r, order[j]] = lc[rows[r], j];
            return result;
        }).ToArray();
    }

    private IReadOnlyList<double[,]> TypeIII()
    {
        var frame = _design.Frame;
        bool hasFactors = _terms.SelectMany(t => t.Variables).Any(v => frame[v] is FactorValues);
        bool ownCoding = _terms.SelectMany(t => t.Variables).Any(v => frame[v] is FactorValues { Contrasts: not null });
        if ((_design.Coding == ContrastCoding.Treatment && !ownCoding) || !hasFactors) return TypeIIIFromTreatment(_x);

        var treatmentFull = _design.Build(frame.Specification.Fixed, ContrastCoding.Treatment, useFactorContrasts: false);
        var treatment = treatmentFull.SelectColumns(_design.IndependentColumns(treatmentFull));
        var contrasts = TypeIIIFromTreatment(treatment);
        var xtxt = Matrix<double>.Build.DenseOfArray(_design.Cross(treatment.Columns, treatment.Columns));
        var xtxo = Matrix<double>.Build.DenseOfArray(_design.Cross(treatment.Columns, _x.Columns));
        var map = ZapSmall(xtxt.Solve(xtxo).ToArray());
        var mapMatrix = Matrix<double>.Build.DenseOfArray(map);
        return contrasts.Select(c => (Matrix<double>.Build.DenseOfArray(c) * mapMatrix).ToArray()).ToArray();
    }

    /// <summary>lmerTest's type III contrasts for a treatment-coded X whose column names appear in the indicator design.</summary>
    private IReadOnlyList<double[,]> TypeIIIFromTreatment(ModelMatrix x)
    {
        var frame = _design.Frame;
        var rdColumns = new List<double[]>();
        var rdNames = new List<string>();
        if (frame.Specification.Fixed.HasIntercept)
        {
            var one = new double[frame.RowCount];
            Array.Fill(one, 1.0);
            rdColumns.Add(one);
            rdNames.Add("(Intercept)");
        }
        foreach (var term in _terms)
        {
            var block = _design.Build(new TermList(false, [term]), ContrastCoding.Treatment, useFactorContrasts: false);
            rdColumns.AddRange(block.Columns);
            rdNames.AddRange(block.ColumnNames);
        }
        var xtx = Matrix<double>.Build.DenseOfArray(_design.Cross(x.Columns, x.Columns));
        var xtrd = Matrix<double>.Build.DenseOfArray(_design.Cross(x.Columns, rdColumns));
        // L = t(ginv(X) rdX): row k holds the coefficients of indicator column k regressed on X.
        var l = ZapSmall(xtx.Solve(xtrd).Transpose().ToArray());
        var columns = ColumnsOfTerms(x, _terms.Count);
        var contained = Containment();
        var order = Enumerable.Range(0, _terms.Count).OrderByDescending(t => _terms[t].Order).ToArray();
        foreach (int t in order)
        {
            if (contained[t].Count == 0 || columns[t].Length == 0) continue;
            var basis = contained[t].SelectMany(c => columns[c]).ToArray();
            var residual = ZapSmall(Residuals(l, basis, columns[t]));
            for (int i = 0; i < residual.GetLength(0); i++)
                for (int j = 0; j < columns[t].Length; j++) l[i, columns[t][j]] = residual[i, j];
        }
        var rowOf = x.ColumnNames.Select(name =>
        {
            int r = rdNames.IndexOf(name);
            return r >= 0 ? r : throw new ModelSpecificationException($"type III contrasts: coefficient '{name}' has no column in the indicator design");
        }).ToArray();
        int p = x.ColumnCount;
        return columns.Select(cols =>
        {
            var rows = new List<double[]>();
            foreach (int j in cols)
            {
                var row = Enumerable.Range(0, p).Select(i => l[rowOf[i], j]).ToArray();
                if (row.Sum(Math.Abs) > 1e-8) rows.Add(row);
            }
            var m = new double[rows.Count, p];
            for (int r = 0; r < rows.Count; r++)
                for (int i = 0; i < p; i++) m[r, i] = rows[r][i];
            return m;
        }).ToArray();
    }

    /// <summary>For each term, the terms that contain it (more variables, the same numeric variables), lmerTest's rule.</summary>
    private List<int>[] Containment()
    {
        var frame = _design.Frame;
        var vars = _terms.Select(t => t.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal)).ToArray();
        var numerics = _terms.Select(t => t.Variables.Where(v => frame[v] is NumericValues or MatrixValues).Select(v => v.Name)
            .ToHashSet(StringComparer.Ordinal)).ToArray();
        return Enumerable.Range(0, _terms.Count).Select(a => Enumerable.Range(0, _terms.Count).Where(b =>
            vars[a].IsSubsetOf(vars[b]) && vars[b].Count > vars[a].Count && numerics[a].SetEquals(numerics[b])).ToList()).ToArray();
    }

    /// <summary>Residuals of columns <paramref name="targets"/> of l after least-squares projection on columns <paramref name="basis"/>.</summary>
    private static double[,] Residuals(double[,] l, int[] basis, int[] targets)
    {
        int n = l.GetLength(0);
        var q = new List<double[]>();
        foreach (int b in basis)
        {
            var v = Enumerable.Range(0, n).Select(i => l[i, b]).ToArray();
            double norm0 = Math.Sqrt(v.Sum(e => e * e));
            if (norm0 == 0) continue;
            Orthogonalize(v, q);
            double norm = Math.Sqrt(v.Sum(e => e * e));
            if (norm < 1e-7 * norm0) continue;
            for (int i = 0; i < n; i++) v[i] /= norm;
            q.Add(v);
        }
        var result = new double[n, targets.Length];
        for (int j = 0; j < targets.Length; j++)
        {
            var y = Enumerable.Range(0, n).Select(i => l[i, targets[j]]).ToArray();
            Orthogonalize(y, q);
            for (int i = 0; i < n; i++) result[i, j] = y[i];
        }
        return result;
    }

    private static void Orthogonalize(double[] v, List<double[]> q)
    {
        for (int pass = 0; pass < 2; pass++)
            foreach (var u in q)
            {
                double d = 0;
                for (int i = 0; i < v.Length; i++) d += u[i] * v[i];
                for (int i = 0; i < v.Length; i++) v[i] -= d * u[i];
            }
    }

    /// <summary>R's zapsmall(x, digits = 7): rounds to 7 significant digits relative to the largest absolute entry.</summary>
    internal static double[,] ZapSmall(double[,] x)
    {
        double max = 0;
        foreach (double v in x) if (!double.IsNaN(v)) max = Math.Max(max, Math.Abs(v));
        if (!(max > 0)) return x;
        int digits = Math.Max(0, 7 - (int)Math.Ceiling(Math.Log10(max)));
        var r = (double[,])x.Clone();
        if (digits > 15) return r;
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++) r[i, j] = Math.Round(r[i, j], digits, MidpointRounding.ToEven);
        return r;
    }

    /// <summary>The unit lower-triangular factor L of the Doolittle decomposition x = L U, with lmerTest's tolerance 1e-6.</summary>
    internal static double[,] Doolittle(double[,] x)
    {
        int n = x.GetLength(0);
        var l = new double[n, n];
        var u = new double[n, n];
        for (int i = 0; i < n; i++) l[i, i] = 1;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double v = x[i, j];
                for (int k = 0; k < i; k++) v -= l[i, k] * u[k, j];
                u[i, j] = v;
            }
            for (int j = i + 1; j < n; j++)
            {
                double v = x[j, i];
                for (int k = 0; k < i; k++) v -= l[j, k] * u[k, i];
                l[j, i] = Math.Abs(u[i, i]) < DoolittleTolerance ? 0 : v / u[i, i];
            }
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) if (Math.Abs(l[i, j]) < DoolittleTolerance) l[i, j] = 0;
        return l;
    }

    private static double[,] Transpose(double[,] a)
    {
        int r = a.GetLength(0), c = a.GetLength(1);
        var t = new double[c, r];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) t[j, i] = a[i, j];
        return t;
    }

    private static double[,] SelectRows(double[,] a, int[] rows)
    {
        int c = a.GetLength(1);
        var m = new double[rows.Length, c];
        for (int r = 0; r < rows.Length; r++)
            for (int j = 0; j < c; j++) m[r, j] = a[rows[r], j];
        return m;
    }
}

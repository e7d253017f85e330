using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Tests.Reference;

namespace MixedEffects.Tests.Design;

/// <summary>The formulas and data of modelmatrix.json (R's <c>colnames(model.matrix(formula, data))</c>).</summary>
internal static class ModelMatrixGolden
{
    private static readonly Lazy<Dataset> LazyData = new(ReadData);

    /// <summary>The small data set the formulas were evaluated on: y, x, z numeric; f, g text.</summary>
    public static Dataset Data => LazyData.Value;

    /// <summary>Every formula with R's column names.</summary>
    public static IEnumerable<(string Formula, string[] Columns)> Cases() =>
        GoldenFile.Load("modelmatrix").GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("formula").GetString()!, c.GetProperty("columns").Strings().Select(s => s!).ToArray()));

    /// <summary>The formulas, for xunit theories.</summary>
    public static IEnumerable<object[]> Formulas() => Cases().Select(c => new object[] { c.Formula });

    private static Dataset ReadData()
    {
        var rows = GoldenFile.Load("modelmatrix").GetProperty("data").EnumerateArray().ToArray();
        DataColumn Numeric(string name) => new NumericColumn(name, rows.Select(r => r.GetProperty(name).GetDouble()));
        DataColumn Text(string name) => new TextColumn(name, rows.Select(r => r.GetProperty(name).GetString()));
        return new Dataset([Numeric("y"), Numeric("x"), Numeric("z"), Text("f"), Text("g")], "modelmatrix");
    }
}

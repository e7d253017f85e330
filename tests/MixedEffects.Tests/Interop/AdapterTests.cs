using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.Data.Analysis;
using MixedEffects.Data;
using MixedEffects.Interop;
using MixedEffects.Models;
using MixedEffects.Tests.Cli;
using Xunit;

namespace MixedEffects.Tests.Interop;

/// <summary>
/// Datasets through Microsoft.Data.Analysis, Apache Arrow and Parquet: the values come back unchanged (the built-in
/// data are the reference), and a model fitted to the converted data has the same REML criterion as on the original.
/// </summary>
public class AdapterTests
{
    private const string Formula = "Reaction ~ Days + (Days | Subject)";
    private static readonly Dataset Sleep = Datasets.Load("sleepstudy");
    private static readonly double Criterion = LinearMixedModel.Fit(Formula, Sleep).Criterion;

    private static void AssertSameData(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        foreach (var column in expected.Columns)
        {
            var other = actual[column.Name];
            Assert.Equal(column.GetType(), other.GetType());
            for (int r = 0; r < column.Length; r++) Assert.Equal(column.FormatValue(r), other.FormatValue(r));
        }
    }

    [Fact]
    public void DataFrameRoundTrip()
    {
        DataFrame frame = DataFrameAdapter.ToDataFrame(Sleep);
        Assert.Equal(180, frame.Rows.Count);
        var back = DataFrameAdapter.ToDataset(frame);
        AssertSameData(Sleep, back);
        Assert.Equal(Criterion, LinearMixedModel.Fit(Formula, back).Criterion, 1e-9);
    }

    [Fact]
    public void DataFrameIntegerAndNullColumns()
    {
        var frame = new DataFrame(new Int32DataFrameColumn("n", [1, null, 3]), new StringDataFrameColumn("g", ["a", null, "b"]),
            new BooleanDataFrameColumn("ok", [true, false, null]));
        var data = DataFrameAdapter.ToDataset(frame);
        var n = Assert.IsType<NumericColumn>(data["n"]);
        Assert.True(double.IsNaN(n[1]));
        Assert.Equal(3, n[2]);
        Assert.Null(((TextColumn)data["g"])[1]);
        Assert.Equal("FALSE", ((TextColumn)data["ok"])[1]);
    }

    [Fact]
    public void ArrowRoundTripKeepsDeclaredLevels()
    {
        var data = Sleep.Relevel("Subject", "372");
        RecordBatch batch = ArrowAdapter.ToRecordBatch(data);
        Assert.IsType<DictionaryArray>(batch.Column(2));
        var back = ArrowAdapter.ToDataset(batch);
        AssertSameData(data, back);
        Assert.Equal("372", ((TextColumn)back["Subject"]).Levels()[0]);
        Assert.Equal(Criterion, LinearMixedModel.Fit(Formula, back).Criterion, 1e-9);
    }

    [Fact]
    public void ArrowDictionaryOrderIsTheReference()
    {
        // a pandas categorical with categories ["high", "low"] in that order: "high" is the reference level
        var dictionary = new StringArray.Builder().Append("high").Append("low").Build();
        var codes = new Int32Array.Builder().Append(1).Append(0).Append(1).AppendNull().Build();
        var array = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), codes, dictionary);
        var values = new Int64Array.Builder().Append(1).Append(2).Append(3).Append(4).Build();
        var batch = new RecordBatch(new Schema.Builder().Field(f => f.Name("dose").DataType(array.Data.DataType))
            .Field(f => f.Name("y").DataType(Int64Type.Default)).Build(), [array, values], 4);
        var data = ArrowAdapter.ToDataset(batch);
        Assert.Equal(["high", "low"], ((TextColumn)data["dose"]).Levels());
        var dose = (TextColumn)data["dose"];
        Assert.Equal(new string?[] { "low", "high", "low", null }, new[] { dose[0], dose[1], dose[2], dose[3] }.AsEnumerable());
        Assert.Equal(3, ((NumericColumn)data["y"])[2]);
    }

    [Fact]
    public async Task ParquetRoundTrip()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("sleep.parquet");
        var withMissing = Sleep.WithColumn(new NumericColumn("Reaction", Sleep.Columns[0] is NumericColumn r
            ? r.Values.ToArray().Select((v, i) => i == 5 ? double.NaN : v) : []));
        await ParquetAdapter.WriteFileAsync(withMissing, path);
        var back = await ParquetAdapter.ReadFileAsync(path);
        AssertSameData(withMissing, back);
        Assert.Equal(179, LinearMixedModel.Fit(Formula, back).ObservationCount);
    }

    [Fact]
    public async Task ParquetErrorsNameTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("not.parquet", "a,b\n1,2\n");
        var error = await Assert.ThrowsAsync<DataFileException>(() => ParquetAdapter.ReadFileAsync(path));
        Assert.Contains("not a Parquet file", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DataFileException>(() => ParquetAdapter.ReadFileAsync(dir.Combine("missing.parquet")));
    }
}

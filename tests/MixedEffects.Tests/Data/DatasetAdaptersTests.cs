using Xunit;
using System.Data;
using MixedEffects.Data;

namespace MixedEffects.Tests.Data;

/// <summary>
/// Conversions of <see cref="DatasetAdapters"/>; expected values are the inputs written in
/// each test, with R's conventions (TRUE/FALSE for logicals, NA for null).
/// </summary>
public class DatasetAdaptersTests
{
    private enum Treatment { Control, Ozone }

    [Fact]
    public void DataTableColumnsKeepNamesOrderAndKinds()
    {
        var table = new DataTable("trial");
        table.Columns.Add("count", typeof(int));
        table.Columns.Add("dose", typeof(decimal));
        table.Columns.Add("weight", typeof(double));
        table.Columns.Add("group", typeof(string));
        table.Columns.Add("treated", typeof(bool));
        table.Columns.Add("arm", typeof(Treatment));
        table.Rows.Add(3, 0.25m, 1.5, "a", true, Treatment.Ozone);
        table.Rows.Add(DBNull.Value, 1m, DBNull.Value, DBNull.Value, false, Treatment.Control);

        var frame = DatasetAdapters.FromDataTable(table);

        Assert.Equal("DataTable 'trial'", frame.Source);
        Assert.Equal(["count", "dose", "weight", "group", "treated", "arm"], frame.ColumnNames);
        var count = Assert.IsType<NumericColumn>(frame["count"]);
        Assert.Equal(3.0, count[0]);
        Assert.True(count.IsMissing(1));
        Assert.Equal([0.25, 1.0], Assert.IsType<NumericColumn>(frame["dose"]).Values.ToArray());
        Assert.True(frame["weight"].IsMissing(1));
        var group = Assert.IsType<TextColumn>(frame["group"]);
        Assert.Equal("a", group[0]);
        Assert.Null(group[1]);
        var treated = Assert.IsType<TextColumn>(frame["treated"]);
        Assert.Equal(new string?[] { "TRUE", "FALSE" }, new string?[] { treated[0], treated[1] }.AsEnumerable());
        var arm = Assert.IsType<TextColumn>(frame["arm"]);
        Assert.Equal(new string?[] { "Ozone", "Control" }, new string?[] { arm[0], arm[1] }.AsEnumerable());
    }

    [Fact]
    public void DataTableObjectColumnIsNumericOnlyWhenAllValuesAreNumbers()
    {
        var table = new DataTable();
        table.Columns.Add("numbers", typeof(object));
        table.Columns.Add("mixed", typeof(object));
        table.Rows.Add(1, 2.5);
        table.Rows.Add(2.5f, "x");
        table.Rows.Add(DBNull.Value, DBNull.Value);

        var frame = DatasetAdapters.FromDataTable(table);

        Assert.Equal("DataTable", frame.Source);
        var numbers = Assert.IsType<NumericColumn>(frame["numbers"]);
        Assert.Equal(1.0, numbers[0]);
        Assert.Equal(2.5, numbers[1]);
        Assert.True(numbers.IsMissing(2));
        var mixed = Assert.IsType<TextColumn>(frame["mixed"]);
        Assert.Equal(new string?[] { "2.5", "x", null }, new string?[] { mixed[0], mixed[1], mixed[2] }.AsEnumerable());
    }

    [Fact]
    public void DataTableSkipsDeletedRows()
    {
        var table = new DataTable();
        table.Columns.Add("x", typeof(double));
        table.Rows.Add(1.0);
        table.Rows.Add(2.0);
        table.AcceptChanges();
        table.Rows[0].Delete();
        var frame = DatasetAdapters.FromDataTable(table);
        Assert.Equal([2.0], ((NumericColumn)frame["x"]).Values.ToArray());
    }

    private class Observation
    {
        public string Subject { get; init; } = "";
        public double Reaction { get; init; }
        public int? Days { get; init; }
        public bool Sleepy { get; init; }
        public Treatment Arm { get; init; }
        public DateTime When { get; init; }
        public long this[int i] => i;
        public int WriteOnly { set { } }
        internal int Hidden { get; init; }
        public static int Shared => 1;
    }

    private sealed class LabelledObservation : Observation
    {
        public string Label { get; init; } = "";
    }

    [Fact]
    public void RecordsUsePublicPropertiesInDeclarationOrder()
    {
        var records = new[]
        {
            new Observation { Subject = "308", Reaction = 249.56, Days = 0, Sleepy = true, Arm = Treatment.Ozone, When = new DateTime(2024, 3, 1) },
            new Observation { Subject = "309", Reaction = 222.7339, Days = null, Sleepy = false, When = new DateTime(2024, 3, 1, 13, 5, 0) },
        };

        var frame = DatasetAdapters.FromRecords(records);

        Assert.Equal("records", frame.Source);
        Assert.Equal(["Subject", "Reaction", "Days", "Sleepy", "Arm", "When"], frame.ColumnNames);
        Assert.Equal(new string?[] { "308", "309" }, new string?[] { ((TextColumn)frame["Subject"])[0], ((TextColumn)frame["Subject"])[1] }.AsEnumerable());
        Assert.Equal([249.56, 222.7339], Assert.IsType<NumericColumn>(frame["Reaction"]).Values.ToArray());
        var days = Assert.IsType<NumericColumn>(frame["Days"]);
        Assert.Equal(0.0, days[0]);
        Assert.True(days.IsMissing(1));
        Assert.Equal("TRUE", frame["Sleepy"].FormatValue(0));
        Assert.Equal("FALSE", frame["Sleepy"].FormatValue(1));
        Assert.Equal("Ozone", frame["Arm"].FormatValue(0));
        Assert.Equal("Control", frame["Arm"].FormatValue(1));
        Assert.Equal("2024-03-01", frame["When"].FormatValue(0));
        Assert.Equal("2024-03-01 13:05:00", frame["When"].FormatValue(1));
    }

    [Fact]
    public void RecordsPutBaseClassPropertiesFirst()
    {
        var frame = DatasetAdapters.FromRecords(new[] { new LabelledObservation { Label = "L" } }, "labelled");
        Assert.Equal(["Subject", "Reaction", "Days", "Sleepy", "Arm", "When", "Label"], frame.ColumnNames);
        Assert.Equal("labelled", frame.Source);
    }

    [Fact]
    public void AnonymousRecordsWork()
    {
        var frame = DatasetAdapters.FromRecords(new[] { new { y = 1.5, g = "a" }, new { y = 2.0, g = "b" } });
        Assert.Equal(["y", "g"], frame.ColumnNames);
        Assert.IsType<NumericColumn>(frame["y"]);
        Assert.IsType<TextColumn>(frame["g"]);
    }

    [Fact]
    public void NoRecordsGiveEmptyColumnsOfTheDeclaredKinds()
    {
        var frame = DatasetAdapters.FromRecords(Array.Empty<Observation>());
        Assert.Equal(0, frame.RowCount);
        Assert.IsType<NumericColumn>(frame["Days"]);
        Assert.IsType<TextColumn>(frame["Subject"]);
    }

    [Fact]
    public void NullRecordIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetAdapters.FromRecords(new Observation?[] { new(), null }));
        Assert.StartsWith("record 1 is null", e.Message);
    }

    [Fact]
    public void TypeWithoutPropertiesIsRejected()
    {
        Assert.Throws<ArgumentException>(() => DatasetAdapters.FromRecords(new[] { 1, 2 }));
    }
}

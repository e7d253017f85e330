using System.Globalization;
using System.Text;
using MixedEffects.Data;
using Xunit;

namespace MixedEffects.Tests.Data;

/// <summary>
/// Reading a text's records in two halves on two threads against reading them in one pass (the same text parsed with
/// the parallel threshold at 0 and at its maximum): the same columns, kinds, values and levels, and the same error
/// with the same line when the text is malformed in either half.
/// </summary>
public class CsvRecordsTests
{
    private const int Sequential = int.MaxValue;

    [Fact]
    public void QuotesCrlfBlankLinesAndMissingValuesReadAsInOnePass()
    {
        var rng = new Random(5);
        var text = new StringBuilder("\uFEFFy,g,label,mixed\r\n");
        for (int r = 0; r < 400; r++)
        {
            string y = r % 37 == 0 ? "NA" : (rng.NextDouble() * 100 - 50).ToString("R", CultureInfo.InvariantCulture);
            string g = r % 11 == 0 ? "\"g,\"\"q\"\"\"" : "g" + rng.Next(20);
            string label = r % 13 == 0 ? "\"two\r\nlines\"" : r % 17 == 0 ? "" : " l" + rng.Next(5) + " ";
            // numbers in the first half, a word in the second: a text column
            string mixed = r == 300 ? "word" : rng.Next(100).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{y},{g},{label},{mixed}\r\n");
            if (r % 50 == 0) text.Append("  \r\n");
        }
        AssertSameAsSequential(text.ToString(), new CsvReadOptions());
        AssertSameAsSequential(text.ToString(), new CsvReadOptions { Factors = ["y"] });
        AssertSameAsSequential(text.ToString(), new CsvReadOptions { QuotedFieldsAreText = true });
    }

    [Fact]
    public void TextInTheFirstHalfAndNumbersInTheSecondMakeOneTextColumn()
    {
        var text = new StringBuilder("x,y\n");
        for (int r = 0; r < 300; r++) text.Append(CultureInfo.InvariantCulture, $"{(r == 3 ? "a" : (r % 7).ToString(CultureInfo.InvariantCulture))},{r}\n");
        var halves = AssertSameAsSequential(text.ToString(), new CsvReadOptions());
        Assert.IsType<TextColumn>(halves["x"]);
        Assert.IsType<NumericColumn>(halves["y"]);
    }

    [Fact]
    public void TheMiddleInsideAQuotedFieldMovesTheSplitPastIt()
    {
        var text = new StringBuilder("id,note\n");
        for (int r = 0; r < 50; r++) text.Append(CultureInfo.InvariantCulture, $"{r},short\n");
        // a quoted field of many lines around the middle of the text, with line feeds and doubled quotes inside
        text.Append("50,\"");
        for (int i = 0; i < 60; i++) text.Append("a line with \"\"quotes\"\" and, commas\n");
        text.Append("end\"\n");
        for (int r = 51; r < 200; r++) text.Append(CultureInfo.InvariantCulture, $"{r},short\n");
        var data = AssertSameAsSequential(text.ToString(), new CsvReadOptions());
        Assert.Equal(200, data.RowCount);
        Assert.StartsWith("a line with \"quotes\"", data["note"].FormatValue(50));
    }

    [Theory]
    [InlineData(20)]    // in the first half
    [InlineData(260)]   // in the second half
    public void AMalformedRecordIsReportedWithItsLine(int badRow)
    {
        var text = new StringBuilder("x,y\n");
        for (int r = 0; r < 300; r++) text.Append(r == badRow ? "1,2,3\n" : $"{r},{r % 3}\n");
        var expected = Assert.Throws<DataFileException>(() => CsvReader.Parse(text.ToString(), "t.csv", ',', null, Sequential));
        var actual = Assert.Throws<DataFileException>(() => CsvReader.Parse(text.ToString(), "t.csv", ',', null, 0));
        Assert.StartsWith($"'t.csv' line {badRow + 2}: 3 fields, expected 2", actual.Message);
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void AStrayQuoteInTheSecondHalfIsReportedAsInOnePass()
    {
        var text = new StringBuilder("x,y\n");
        for (int r = 0; r < 300; r++) text.Append(r == 250 ? "1,a\"b\n" : $"{r},\"q{r % 3}\"\n");
        var expected = Assert.Throws<DataFileException>(() => CsvReader.Parse(text.ToString(), "t.csv", ',', null, Sequential));
        var actual = Assert.Throws<DataFileException>(() => CsvReader.Parse(text.ToString(), "t.csv", ',', null, 0));
        Assert.Contains("line 252, column 2: stray quote", actual.Message);
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void ErrorsInBothHalvesReportTheFirst()
    {
        var text = new StringBuilder("x,y\n");
        for (int r = 0; r < 300; r++) text.Append(r is 100 or 250 ? "1\n" : $"{r},{r}\n");
        var actual = Assert.Throws<DataFileException>(() => CsvReader.Parse(text.ToString(), "t.csv", ',', null, 0));
        Assert.Equal("'t.csv' line 102: 1 fields, expected 2", actual.Message);
    }

    [Fact]
    public void ANonNumberInTheSecondHalfMakesTextAndKeepsItsRow()
    {
        var text = new StringBuilder("y,x,g\n");
        for (int r = 0; r < 300; r++) text.Append(CultureInfo.InvariantCulture, $"{r * 0.5},{(r == 270 ? "1.2.3" : r.ToString(CultureInfo.InvariantCulture))},g{r % 4}\n");
        var data = AssertSameAsSequential(text.ToString(), new CsvReadOptions());
        Assert.Equal("1.2.3", data["x"].FormatValue(270));
        Assert.IsType<TextColumn>(data["x"]);
    }

    private static Dataset AssertSameAsSequential(string text, CsvReadOptions options)
    {
        var expected = CsvReader.Parse(text, "t.csv", ',', options, Sequential);
        var actual = CsvReader.Parse(text, "t.csv", ',', options, 0);
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var name in expected.ColumnNames)
        {
            var e = expected[name];
            var a = actual[name];
            Assert.Equal(e.GetType(), a.GetType());
            if (e is NumericColumn numbers) Assert.Equal(numbers.Values.ToArray(), ((NumericColumn)a).Values.ToArray());
            if (e is TextColumn texts)
            {
                Assert.Equal(texts.SortedLevels(), ((TextColumn)a).SortedLevels());
                Assert.Equal(texts.DeclaredLevels, ((TextColumn)a).DeclaredLevels);
            }
            for (int r = 0; r < e.Length; r++) Assert.Equal(e.FormatValue(r), a.FormatValue(r));
        }
        return actual;
    }
}

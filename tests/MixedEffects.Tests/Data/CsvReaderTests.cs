using Xunit;
using MixedEffects.Data;

namespace MixedEffects.Tests.Data;

/// <summary>
/// Parsing rules of <see cref="CsvReader"/>. Expected values are read off the small CSV texts
/// written in each test (RFC 4180 rules plus R's write.csv conventions).
/// </summary>
public class CsvReaderTests
{
    private static Dataset Parse(string text, char delimiter = ',') =>
        CsvReader.Read(new StringReader(text), "t.csv", delimiter);

    private static void AssertTexts(Dataset frame, string column, params string?[] expected)
    {
        var c = Assert.IsType<TextColumn>(frame[column]);
        IEnumerable<string?> actual = Enumerable.Range(0, c.Length).Select(i => c[i]).ToArray();
        Assert.Equal((IEnumerable<string?>)expected, actual);
    }

    private static double[] Numbers(Dataset frame, string column) =>
        Assert.IsType<NumericColumn>(frame[column]).Values.ToArray();

    [Fact]
    public void ReadsNumericAndTextColumnsInOrder()
    {
        var frame = Parse("\"Reaction\",\"Days\",\"Subject\"\n249.56,0,\"308\"\n258.7047,1,\"308\"\n");
        Assert.Equal(["Reaction", "Days", "Subject"], frame.ColumnNames);
        Assert.Equal(2, frame.RowCount);
        Assert.Equal([249.56, 258.7047], Numbers(frame, "Reaction"));
        Assert.Equal([0.0, 1.0], Numbers(frame, "Days"));
        Assert.Equal([308.0, 308.0], Numbers(frame, "Subject"));
        Assert.Equal("t.csv", frame.Source);
    }

    [Fact]
    public void QuotedNumbersAreNumbersAsReadCsvReadsThem()
    {
        var frame = Parse("a,b,c\n\"1\",1,\"0\"\n\"2\",2,\"NA\"\n");
        Assert.Equal([1.0, 2.0], Numbers(frame, "a"));
        Assert.Equal([1.0, 2.0], Numbers(frame, "b"));
        Assert.Equal([0.0, double.NaN], Numbers(frame, "c"));
    }

    [Fact]
    public void QuotedNumbersAreTextWhenQuotedFieldsMarkFactors()
    {
        var frame = CsvReader.Read(new StringReader("a,b\n\"1\",1\n\"2\",2\n"), "t.csv",
            new CsvReadOptions { QuotedFieldsAreText = true });
        AssertTexts(frame, "a", "1", "2");
        Assert.Equal([1.0, 2.0], Numbers(frame, "b"));
    }

    [Fact]
    public void OneQuotedFieldLateInTheColumnMakesItTextWhenQuotedFieldsMarkFactors()
    {
        var frame = CsvReader.Read(new StringReader("a\n1\n2.50\n\"3\"\n"), "t.csv",
            new CsvReadOptions { Delimiter = ',', QuotedFieldsAreText = true });
        AssertTexts(frame, "a", "1", "2.50", "3");
    }

    [Fact]
    public void DeclaredFactorColumnsAreText()
    {
        var frame = CsvReader.Read(new StringReader("a,b,c\n1,1,x\n2,2,y\n10,3,x\n9,4,z\n"), "t.csv", new CsvReadOptions { Factors = ["a", "c"] });
        AssertTexts(frame, "a", "1", "2", "10", "9");
        Assert.Equal(["1", "2", "9", "10"], ((TextColumn)frame["a"]).SortedLevels());
        Assert.Equal(["2", "9", "10"], ((TextColumn)frame["a"].Select([3, 1, 2])).SortedLevels());
        Assert.Equal([1.0, 2.0, 3.0, 4.0], Numbers(frame, "b"));
        AssertTexts(frame, "c", "x", "y", "x", "z");
        Assert.Equal("'t.csv': no column 'q' to read as a factor (columns are: a, b)",
            Assert.Throws<UnknownColumnException>(() =>
                CsvReader.Read(new StringReader("a,b\n1,1\n"), "t.csv", new CsvReadOptions { Factors = ["q"] })).Message);
    }

    [Fact]
    public void ANonNumberMakesTheColumnTextAndKeepsTheEarlierFieldsAsWritten()
    {
        var frame = Parse("a\n1.50\nNA\n1e3\nlow\n");
        AssertTexts(frame, "a", "1.50", null, "1e3", "low");
    }

    [Fact]
    public void QuotedFieldsMayHoldDelimitersDoubledQuotesAndLineBreaks()
    {
        var frame = Parse("name,n\n\"Smith, J.\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n\"\"\"\",4\n");
        AssertTexts(frame, "name", "Smith, J.", "say \"hi\"", "two\nlines", "\"");
        Assert.Equal([1.0, 2.0, 3.0, 4.0], Numbers(frame, "n"));
    }

    [Fact]
    public void EmptyFieldsAndNaAreMissing()
    {
        var frame = Parse("x,g\n1,\"a\"\n,NA\nNA,\"NA\"\n4,\n");
        var x = Numbers(frame, "x");
        Assert.Equal(1.0, x[0]);
        Assert.True(double.IsNaN(x[1]));
        Assert.True(double.IsNaN(x[2]));
        Assert.Equal(4.0, x[3]);
        AssertTexts(frame, "g", "a", null, null, null);
        Assert.True(frame["x"].IsMissing(1));
        Assert.False(frame["x"].IsMissing(0));
    }

    [Fact]
    public void QuotedEmptyFieldIsMissing()
    {
        var frame = Parse("g,n\n\"\",1\n\"b\",2\n");
        AssertTexts(frame, "g", null, "b");
    }

    [Fact]
    public void AColumnWithOnlyMissingValuesIsNumeric()
    {
        var frame = Parse("x,y\nNA,1\n,2\n");
        Assert.All(Numbers(frame, "x"), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void ParsesScientificNotationAndInfinities()
    {
        var frame = Parse("v\n1e-3\n-2.5E+2\nInf\n-Inf\n+4\n.5\n");
        Assert.Equal([0.001, -250.0, double.PositiveInfinity, double.NegativeInfinity, 4.0, 0.5], Numbers(frame, "v"));
    }

    [Fact]
    public void NumbersUseTheDecimalPointUnlessTheDecimalMarkIsAComma()
    {
        var point = CsvReader.Read(new StringReader("v;w\n1,5;2\n"), "t.csv", new CsvReadOptions { Delimiter = ';', DecimalSeparator = '.' });
        AssertTexts(point, "v", "1,5");
        Assert.Equal([2.0], Numbers(point, "w"));
        var comma = CsvReader.Read(new StringReader("v;w\n1,5;2\n-0,25;1e3\n"), "t.csv", new CsvReadOptions { DecimalSeparator = ',' });
        Assert.Equal([1.5, -0.25], Numbers(comma, "v"));
        Assert.Equal([2.0, 1000.0], Numbers(comma, "w"));
    }

    [Fact]
    public void SemicolonSeparatedFilesAreDetectedAndReadDecimalCommas()
    {
        var frame = CsvReader.Read(new StringReader("y;x;g\n1,5;2.5;a\n2;3,25;b\n"), "t.csv", new CsvReadOptions());
        Assert.Equal(["y", "x", "g"], frame.ColumnNames);
        Assert.Equal([1.5, 2.0], Numbers(frame, "y"));
        Assert.Equal([2.5, 3.25], Numbers(frame, "x"));
        AssertTexts(frame, "g", "a", "b");
    }

    [Fact]
    public void ADecimalCommaInACommaSeparatedFileIsNamedInTheError()
    {
        Assert.Equal("'t.csv' line 2: 3 fields, expected 2 (if numbers are written with decimal commas, " +
                     "the fields must be separated by ';': --delimiter ';' --decimal ',')",
            ErrorOf(() => Parse("y,x\n1,5,2\n")));
    }

    [Fact]
    public void AStrayQuoteInAnUnquotedFieldStopsWithLineAndColumn()
    {
        Assert.Equal("'t.csv' line 3, column 2: stray quote in the unquoted field 'g2\"' " +
                     "(enclose the whole field in quotes and double the quotes inside it)",
            ErrorOf(() => Parse("y,g\n1,g1\n2,g2\"\n3,g3\n")));
        AssertTexts(Parse("y,g\n1,g1\n2,\"g2\"\"\"\n"), "g", "g1", "g2\"");
    }

    [Fact]
    public void TrimsUnquotedFieldsButKeepsSpacesInsideQuotes()
    {
        var frame = Parse(" a , b \n  1.5 ,  \" x \" \n 2 , y  \n");
        Assert.Equal(["a", "b"], frame.ColumnNames);
        Assert.Equal([1.5, 2.0], Numbers(frame, "a"));
        AssertTexts(frame, "b", " x ", "y");
    }

    [Fact]
    public void AcceptsCrLfLineEndsAndAByteOrderMark()
    {
        var frame = Parse("\uFEFF\"id\",\"y\"\r\n\"a\",1\r\n\"b\",2\r\n");
        Assert.Equal(["id", "y"], frame.ColumnNames);
        AssertTexts(frame, "id", "a", "b");
        Assert.Equal([1.0, 2.0], Numbers(frame, "y"));
    }

    [Fact]
    public void KeepsCrLfInsideQuotedFields()
    {
        var frame = Parse("t,n\r\n\"a\r\nb\",1\r\n");
        AssertTexts(frame, "t", "a\r\nb");
    }

    [Fact]
    public void SkipsBlankLinesAndAcceptsAMissingFinalLineBreak()
    {
        var frame = Parse("\n\na,b\n1,2\n\n   \n3,4");
        Assert.Equal([1.0, 3.0], Numbers(frame, "a"));
        Assert.Equal([2.0, 4.0], Numbers(frame, "b"));
    }

    [Fact]
    public void ATrailingDelimiterGivesAMissingLastField()
    {
        var frame = Parse("a,b\n1,\n2,3\n");
        var b = Numbers(frame, "b");
        Assert.True(double.IsNaN(b[0]));
        Assert.Equal(3.0, b[1]);
    }

    [Fact]
    public void ReadsTabSeparatedText()
    {
        var frame = Parse("y\tg\n1.5\t\"a, b\"\n2\tc\n", '\t');
        Assert.Equal([1.5, 2.0], Numbers(frame, "y"));
        AssertTexts(frame, "g", "a, b", "c");
    }

    [Fact]
    public void RepeatedTextValuesShareOneString()
    {
        var frame = Parse("g,n\n\"1002\",1\n\"1002\",2\n1002x,3\n1002x,4\n");
        var g = Assert.IsType<TextColumn>(frame["g"]);
        Assert.Same(g[0], g[1]);
        Assert.Same(g[2], g[3]);
    }

    [Fact]
    public void EarlierNumericFieldsAreInternedWhenTheColumnTurnsToText()
    {
        var frame = Parse("g\n7\n7\nx\n");
        var g = Assert.IsType<TextColumn>(frame["g"]);
        Assert.Equal("7", g[0]);
        Assert.Same(g[0], g[1]);
    }

    [Fact]
    public void ReadFileUsesTabsForTsvFiles()
    {
        using var file = new TemporaryFile("d.tsv", "a,x\tb\n1\t2\n");
        var frame = CsvReader.ReadFile(file.Path);
        Assert.Equal(["a,x", "b"], frame.ColumnNames);
        Assert.Equal(file.Path, frame.Source);
    }

    [Fact]
    public void ReadFileUsesTabsForTabFiles()
    {
        using var file = new TemporaryFile("d.tab", "a\tb\n1\t2\n");
        Assert.Equal(["a", "b"], CsvReader.ReadFile(file.Path).ColumnNames);
    }

    [Fact]
    public void ReadFileDetectsTabsInTheHeaderLine()
    {
        using var file = new TemporaryFile("d.txt", "\uFEFFa\tb\n1,5\t2\n");
        var frame = CsvReader.ReadFile(file.Path);
        Assert.Equal(["a", "b"], frame.ColumnNames);
        AssertTexts(frame, "a", "1,5");
    }

    [Fact]
    public void ReadFileUsesCommasWhenTheHeaderHasBoth()
    {
        using var file = new TemporaryFile("d.csv", "a\tx,b\n1,2\n");
        Assert.Equal(["a\tx", "b"], CsvReader.ReadFile(file.Path).ColumnNames);
    }

    [Fact]
    public void ReadFileHandlesAUtf8ByteOrderMarkAndCrLf()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var bytes = bom.Concat(System.Text.Encoding.UTF8.GetBytes("\"g\",\"y\"\r\n\"é\",1\r\n")).ToArray();
        using var file = new TemporaryFile("bom.csv", bytes);
        var frame = CsvReader.ReadFile(file.Path);
        Assert.Equal(["g", "y"], frame.ColumnNames);
        AssertTexts(frame, "g", "é");
    }

    private static string ErrorOf(Action action) => Assert.Throws<DataFileException>(action).Message;

    [Fact]
    public void MissingFileIsReported()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "x.csv");
        Assert.Equal($"data file '{path}' not found", ErrorOf(() => CsvReader.ReadFile(path)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n  \r\n")]
    public void EmptyTextIsReported(string text) =>
        Assert.Equal("'t.csv' is empty: no header row", ErrorOf(() => Parse(text)));

    [Fact]
    public void EmptyFileIsReported()
    {
        using var file = new TemporaryFile("x.csv", "");
        Assert.Equal($"'{file.Path}' is empty: no header row", ErrorOf(() => CsvReader.ReadFile(file.Path)));
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("a,b\n")]
    [InlineData("a,b\r\n\r\n")]
    public void HeaderWithoutRowsIsReported(string text) =>
        Assert.Equal("'t.csv' has a header but no data rows", ErrorOf(() => Parse(text)));

    [Fact]
    public void TooFewFieldsAreReportedWithTheLine()
    {
        Assert.Equal("'t.csv' line 3: 2 fields, expected 3", ErrorOf(() => Parse("a,b,c\n1,2,3\n1,2\n")));
    }

    [Fact]
    public void TooManyFieldsAreReportedWithTheLine()
    {
        Assert.Equal("'t.csv' line 2: 4 fields, expected 3", ErrorOf(() => Parse("a\tb\tc\n1\t2\t3\t4\n", '\t')));
    }

    [Fact]
    public void LineNumbersCountLineBreaksInsideQuotesAndBlankLines()
    {
        var text = "a,b\n\"x\ny\",1\n\n1\n";
        Assert.Equal("'t.csv' line 5: 1 fields, expected 2", ErrorOf(() => Parse(text)));
    }

    [Fact]
    public void ErrorsInFilesNameTheFile()
    {
        using var file = new TemporaryFile("x.csv", "a,b,c,d,e,f,g\n" + string.Concat(Enumerable.Repeat("1,2,3,4,5,6,7\n", 15)) + "1,2,3,4,5\n");
        Assert.Equal($"'{file.Path}' line 17: 5 fields, expected 7", ErrorOf(() => CsvReader.ReadFile(file.Path)));
    }

    [Fact]
    public void UnterminatedQuoteIsReportedWithTheLineWhereItOpened()
    {
        Assert.Equal("'t.csv' line 3: quoted field in column 2 is never closed (missing closing \")",
            ErrorOf(() => Parse("a,b\n1,\"x\"\n2,\"y\n3,z\n")));
    }

    [Fact]
    public void TextAfterAClosingQuoteIsReported()
    {
        Assert.Equal("'t.csv' line 2: unexpected text after the closing quote of column 1",
            ErrorOf(() => Parse("a,b\n\"x\"y,1\n")));
    }

    [Fact]
    public void EmptyColumnNameIsReported()
    {
        Assert.Equal("'t.csv' header: column 1 has an empty name (files written by R need row.names = FALSE)",
            ErrorOf(() => Parse("\"\",\"a\"\n\"1\",2\n")));
    }

    [Fact]
    public void DuplicateColumnNameIsReported()
    {
        Assert.Equal("'t.csv' header: column name 'a' appears twice (columns 1 and 3)",
            ErrorOf(() => Parse("a,b,a\n1,2,3\n")));
    }

    [Fact]
    public void DelimiterMayNotBeAQuote()
    {
        Assert.Throws<ArgumentException>(() => Parse("a\n1\n", '"'));
    }
}

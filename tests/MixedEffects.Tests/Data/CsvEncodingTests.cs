using System.Text;
using MixedEffects.Data;
using Xunit;

namespace MixedEffects.Tests.Data;

/// <summary>
/// Decoding of data files: bytes that are not valid UTF-8 stop the reading with their line and column
/// (they used to become U+FFFD, merging labels such as "g\xE9" and "g\xE8"); a named encoding reads them.
/// </summary>
public class CsvEncodingTests
{
    private static byte[] Latin1File() =>
        Encoding.Latin1.GetBytes("y,g\n1,caf\u00e9\n2,caf\u00e8\n3,caf\u00e9\n4,caf\u00eb\n");

    [Fact]
    public void InvalidUtf8StopsWithLineColumnAndByte()
    {
        using var file = new TemporaryFile("latin.csv", Latin1File());
        var error = Assert.Throws<DataFileException>(() => CsvReader.ReadFile(file.Path));
        Assert.Equal($"'{file.Path}' line 2, column 2: byte 0xE9 in 'caf\u00e9' is not valid UTF-8; " +
                     "name the file's encoding (e.g. --encoding latin1)", error.Message);
    }

    [Fact]
    public void ANamedEncodingKeepsDistinctLabelsDistinct()
    {
        using var file = new TemporaryFile("latin.csv", Latin1File());
        var data = CsvReader.ReadFile(file.Path, new CsvReadOptions { Encoding = CsvReadOptions.EncodingNamed("latin1") });
        var g = Assert.IsType<TextColumn>(data["g"]);
        Assert.Equal(["caf\u00e8", "caf\u00e9", "caf\u00eb"], g.SortedLevels());
        var cp1252 = CsvReader.ReadFile(file.Path, new CsvReadOptions { Encoding = CsvReadOptions.EncodingNamed("windows-1252") });
        Assert.Equal(3, Assert.IsType<TextColumn>(cp1252["g"]).SortedLevels().Count);
    }

    [Fact]
    public void ValidUtf8AndUtf16WithByteOrderMarkAreRead()
    {
        const string text = "y,g\n1,caf\u00e9\n2,\u00fcber\n";
        using var utf8 = new TemporaryFile("u8.csv", text);
        using var utf16 = new TemporaryFile("u16.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        foreach (var path in new[] { utf8.Path, utf16.Path })
            Assert.Equal(["caf\u00e9", "\u00fcber"], Assert.IsType<TextColumn>(CsvReader.ReadFile(path)["g"]).SortedLevels());
    }

    [Fact]
    public void AnUnknownEncodingIsNamed()
    {
        Assert.Equal("unknown encoding 'klingon' (for example utf-8, latin1, windows-1252, utf-16)",
            Assert.Throws<DataFileException>(() => CsvReadOptions.EncodingNamed("klingon")).Message);
    }
}

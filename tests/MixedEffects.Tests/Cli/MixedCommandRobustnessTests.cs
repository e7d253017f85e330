using System.Text;
using System.Text.Json;
using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// Bad input at the command line: each problem ends with exit code 2 and one line naming it, and the inputs R
/// accepts (a bar without parentheses, logical expressions, the response on the right, zero weights,
/// semicolon files with decimal commas, numeric factors) are fitted.
/// </summary>
public class MixedCommandRobustnessTests
{
    private const string Sleep = "Reaction ~ Days + (1 | Subject)";

    /// <summary>8 groups whose labels differ only in one Latin-1 byte, 4 rows each.</summary>
    private static byte[] Latin1Groups()
    {
        var text = new StringBuilder("y,x,g\n");
        var letters = new[] { '\u00e0', '\u00e1', '\u00e2', '\u00e3', '\u00e4', '\u00e5', '\u00e8', '\u00e9' };
        for (int i = 0; i < 32; i++)
            text.Append(FormattableString.Invariant($"{10 + i % 8 * 0.7 + (i * 37 % 11) * 0.3},{i % 4},gr{letters[i % 8]}\n"));
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    [Fact]
    public void InvalidUtf8StopsAndANamedEncodingKeepsEveryGroup()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("latin.csv");
        File.WriteAllBytes(path, Latin1Groups());
        AssertUserError(CliRun.Of("fit", path, "y ~ x + (1 | g)"), "line 2, column 3", "0xE0", "not valid UTF-8", "--encoding latin1");
        var json = CliRun.Json("fit", path, "y ~ x + (1 | g)", "--encoding", "latin1");
        Assert.Equal(8, json.GetProperty("ngroups").GetProperty("g").GetInt32());
        AssertUserError(CliRun.Of("fit", path, "y ~ x + (1 | g)", "--encoding", "klingon"), "unknown encoding 'klingon'");
    }

    [Fact]
    public void AStrayQuoteStopsWithItsLine()
    {
        using var dir = new TempDirectory();
        var path = dir.File("q.csv", "y,g\n1,g1\n2,g2\"\n3,g1\n4,g2\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ 1 + (1 | g)"), "line 3, column 2", "stray quote", "'g2\"'");
    }

    [Theory]
    [InlineData("Reaction ~ Days - qq + (1 | Subject)", "no column 'qq'")]
    [InlineData("Reaction ~ Days^1e400 + (1 | Subject)", "invalid power in formula")]
    [InlineData("Reaction ~ exp(Days * 100) + (1 | Subject)", "model variable 'exp(Days * 100)' is Inf at row 9")]
    [InlineData("Reaction ~ log(Days - Days) + (1 | Subject)", "model variable 'log(Days - Days)' is -Inf at row 1")]
    public void BadFormulasStopWithOneLine(string formula, string fragment) =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", formula), fragment);

    [Fact]
    public void DeepNestingStopsWithOneLine()
    {
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ " + new string('(', 20000) + "Days" + new string(')', 20000)),
            "contextstack overflow");
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ " + new string('-', 30000) + "Days + (1 | Subject)"),
            "contextstack overflow");
    }

    [Fact]
    public void InfinityInACovariateIsNamed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("inf.csv", "y,x,g\n1,1,a\n2,Inf,a\n3,2,b\n4,3,b\n5,-Inf,c\n6,4,c\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ x + (1 | g)"), "model variable 'x' is Inf at row 2");
    }

    [Fact]
    public void ASaturatedDesignStopsWithOneLine()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sat.csv", "y,f,g\n1,a,u\n2.5,b,u\n2,c,v\n4,d,v\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ f + (1 | g)"), "4 coefficients for 4 observations", "saturated");
        AssertUserError(CliRun.Of("fit", path, "y ~ f + (1 | g)", "--ml"), "saturated");
    }

    [Fact]
    public void ZeroWeightRowsAreDroppedAndReported()
    {
        using var dir = new TempDirectory();
        var lines = File.ReadAllLines(Data.RepositoryDataFiles.PathOf("sleepstudy.csv"));
        var weighted = new StringBuilder(lines[0] + ",\"w\"\n");
        var kept = new StringBuilder(lines[0] + ",\"w\"\n");
        for (int i = 1; i < lines.Length; i++)
        {
            string w = i % 20 == 0 ? "0" : (1 + i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            weighted.Append(lines[i]).Append(',').Append(w).Append('\n');
            if (w != "0") kept.Append(lines[i]).Append(',').Append(w).Append('\n');
        }
        var all = CliRun.Json("fit", dir.File("w.csv", weighted.ToString()), Sleep, "--weights", "w");
        var subset = CliRun.Json("fit", dir.File("k.csv", kept.ToString()), Sleep, "--weights", "w");
        Assert.Equal(171, all.GetProperty("nobs").GetInt32());
        Assert.Equal(subset.GetProperty("nobs").GetInt32(), all.GetProperty("nobs").GetInt32());
        Assert.Equal(subset.GetProperty("logLik").GetDouble(), all.GetProperty("logLik").GetDouble(), 1e-8);
        Assert.Contains("9 rows with zero weight dropped", all.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public void TheResponseOnTheRightIsDroppedWithAWarning()
    {
        var json = CliRun.Json("fit", "sleepstudy", "Reaction ~ Reaction + Days + (1 | Subject)");
        var plain = CliRun.Json("fit", "sleepstudy", Sleep);
        Assert.Equal(plain.GetProperty("logLik").GetDouble(), json.GetProperty("logLik").GetDouble(), 1e-10);
        Assert.Contains("the response appeared on the right-hand side and was dropped",
            json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public void ABarWithoutParenthesesAndLogicalTermsAreFitted()
    {
        var bare = CliRun.Json("fit", "sleepstudy", "Reaction ~ Days + 1|Subject");
        var paren = CliRun.Json("fit", "sleepstudy", "Reaction ~ (Days + 1 | Subject)");
        Assert.Equal(paren.GetProperty("REMLcrit").GetDouble(), bare.GetProperty("REMLcrit").GetDouble(), 1e-10);
        var logical = CliRun.Json("fit", "sleepstudy", "Reaction ~ I(Days > 5) + (1 | Subject)");
        Assert.Equal(["(Intercept)", "I(Days > 5)TRUE"], Terms(logical));
    }

    [Fact]
    public void SemicolonFilesWithDecimalCommasAndDeclaredFactorsAreRead()
    {
        using var dir = new TempDirectory();
        var text = new StringBuilder("\"y\";\"dose\";\"g\"\n");
        for (int i = 0; i < 24; i++)
            text.Append(FormattableString.Invariant($"{(10 + i % 3 * 1.25 + i * 7 % 5 * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',')};\"{i % 3}\";g{i % 6}\n"));
        var path = dir.File("semi.csv", text.ToString());
        var numeric = CliRun.Json("fit", path, "y ~ dose + (1 | g)", "--delimiter", ";", "--decimal", ",");
        Assert.Equal(["(Intercept)", "dose"], Terms(numeric));
        var detected = CliRun.Json("fit", path, "y ~ dose + (1 | g)");
        Assert.Equal(numeric.GetProperty("REMLcrit").GetDouble(), detected.GetProperty("REMLcrit").GetDouble(), 1e-12);
        var factor = CliRun.Json("fit", path, "y ~ dose + (1 | g)", "--factor", "dose");
        Assert.Equal(["(Intercept)", "dose1", "dose2"], Terms(factor));
        var call = CliRun.Json("fit", path, "y ~ factor(dose) + (1 | g)");
        Assert.Equal(factor.GetProperty("REMLcrit").GetDouble(), call.GetProperty("REMLcrit").GetDouble(), 1e-10);
        var builtIn = CliRun.Json("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--factor", "Days");
        Assert.Equal(["(Intercept)", .. Enumerable.Range(1, 9).Select(d => $"Days{d}")], Terms(builtIn));
        AssertUserError(CliRun.Of("fit", path, "y ~ dose + (1 | g)", "--delimiter", ",", "--decimal", ","), "differ from the delimiter ','");
        AssertUserError(CliRun.Of("fit", path, "y ~ dose + (1 | g)", "--decimal", ":"), "--decimal must be '.' or ','");
        AssertUserError(CliRun.Of("fit", path, "y ~ dose + (1 | g)", "--factor", "nope"), "no column 'nope'");
        AssertUserError(CliRun.Of("fit", path, "y ~ dose + (1 | g)", "--delimiter", ";;"), "--delimiter must be one character");
    }

    [Fact]
    public void ABadCellIsNamedByRowColumnAndValue()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.csv", "y,x,g\n1,1,a\n2,2,a\n3,x3,b\n4,4,b\n5,5,c\n6,6,c\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ log(x) + (1 | g)"), "row 3, column 'x': 'x3' is not a number");
    }

    private static string[] Terms(JsonElement json) =>
        json.GetProperty("fixed").EnumerateArray().Select(f => f.GetProperty("term").GetString()!).ToArray();
}

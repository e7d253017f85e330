using Xunit;
using System.Globalization;
using MixedEffects.Data;

namespace MixedEffects.Tests.Data;

/// <summary>
/// The built-in datasets. Row counts are `wc -l data/NAME.csv` minus the header line (no file
/// has line breaks inside quotes); column kinds follow from which columns are quoted in the
/// files; sample values are copied from the files' text.
/// </summary>
public class DatasetsTests
{
    // name, rows (wc -l minus 1), columns with T = quoted (text) / N = unquoted (numeric)
    public static TheoryData<string, int, string> Expected => new()
    {
        { "sleepstudy", 180, "Reaction:N Days:N Subject:T" },
        { "dyestuff", 30, "Batch:T Yield:N" },
        { "dyestuff2", 30, "Batch:T Yield:N" },
        { "penicillin", 144, "diameter:N plate:T sample:T" },
        { "pastes", 60, "strength:N batch:T cask:T sample:T" },
        { "insteval", 73421, "s:T d:T studage:T lectage:T service:T dept:T y:N" },
        { "fhch2010", 13222, "id:T task:T stimulus:T density:T frequency:T length:T item:T rt:N log_rt:N correct:T" },
        { "sitka", 395, "size:N Time:N tree:N treat:T" },
        { "dietox", 861, "Pig:T Evit:T Cu:T Litter:T Start:N Weight:N Feed:N Time:N" },
        { "cake", 270, "replicate:T recipe:T temperature:T angle:N temp:N" },
        { "cbpp", 56, "herd:T incidence:N size:N period:T" },
        { "grouseticks", 403, "INDEX:T TICKS:N BROOD:T HEIGHT:N YEAR:T LOCATION:T cHEIGHT:N" },
        { "verbagg", 7584, "Anger:N Gender:T item:T resp:T id:T btype:T situ:T mode:T r2:T" },
        { "kb07sim", 1792, "subj:T item:T spkr:T prec:T load:T rt_trunc:N" },
        { "orthodont", 108, "distance:N age:N Subject:T Sex:T" },
        { "bodyweight", 176, "weight:N Time:N Rat:T Diet:T" },
        { "sessions", 25, "t:N session:T subject:T" },
        { "crossedvar", 1200, "rt:N cond:T subj:T item:T" },
    };

    [Fact]
    public void NamesListsTheBuiltInDatasets()
    {
        Assert.Equal(Expected.Select(row => (string)row[0]), Datasets.Names);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void LoadsWithTheRightShape(string name, int rows, string columns)
    {
        var frame = Datasets.Load(name);
        Assert.Equal(name, frame.Source);
        Assert.Equal(rows, frame.RowCount);
        var actual = string.Join(" ", frame.Columns.Select(c => $"{c.Name}:{(c is NumericColumn ? "N" : "T")}"));
        Assert.Equal(columns, actual);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void EveryValueMatchesTheFileText(string name, int rows, string columns)
    {
        // An independent reading of the file: the shipped files have no delimiters or line
        // breaks inside quotes, so splitting lines on commas gives the raw fields.
        var lines = File.ReadAllLines(RepositoryDataFiles.PathOf(name + ".csv"));
        Assert.Equal(rows + 1, lines.Length);
        var frame = Datasets.Load(name);
        Assert.Equal(columns.Split(' ').Length, frame.Columns.Count);
        for (int r = 0; r < rows; r++)
        {
            var fields = lines[r + 1].Split(',');
            for (int c = 0; c < fields.Length; c++)
            {
                var raw = fields[c];
                var column = frame.Columns[c];
                if (raw.Length == 0 || raw == "NA")
                    Assert.True(column.IsMissing(r), $"{name} row {r + 1} column {column.Name}: expected missing");
                else if (column is NumericColumn numeric)
                    Assert.Equal(double.Parse(raw, CultureInfo.InvariantCulture), numeric[r]);
                else
                    Assert.Equal(raw.Trim('"'), ((TextColumn)column)[r]);
            }
        }
    }

    [Fact]
    public void SleepstudyFirstRowsMatchTheFile()
    {
        // data/sleepstudy.csv lines 2-3: 249.56,0,"308" and 258.7047,1,"308"
        var frame = Datasets.Load("sleepstudy");
        var reaction = (NumericColumn)frame["Reaction"];
        Assert.Equal(249.56, reaction[0]);
        Assert.Equal(258.7047, reaction[1]);
        Assert.Equal(1.0, ((NumericColumn)frame["Days"])[1]);
        Assert.Equal("308", ((TextColumn)frame["Subject"])[0]);
        Assert.Equal(18, ((TextColumn)frame["Subject"]).SortedLevels().Count);
    }

    [Fact]
    public void InstevalFirstRowMatchesTheFileAndSharesRepeatedLevels()
    {
        // data/insteval.csv line 2: "1","1002","2","2","0","2",5
        var frame = Datasets.Load("insteval");
        Assert.Equal(["1", "1002", "2", "2", "0", "2", "5"], frame.Columns.Select(c => c.FormatValue(0)));
        var d = (TextColumn)frame["d"];
        int other = Enumerable.Range(1, d.Length - 1).First(i => d[i] == "1002");
        Assert.Same(d[0], d[other]);
    }

    [Fact]
    public void DietoxFeedHasMissingValues()
    {
        // 72 empty Feed fields in data/dietox.csv (counted in the raw text); line 2 is
        // "4601","Evit000","Cu000","1",26.5,26.5,,1
        var frame = Datasets.Load("dietox");
        var feed = frame["Feed"];
        Assert.True(feed.IsMissing(0));
        Assert.Equal(72, Enumerable.Range(0, feed.Length).Count(feed.IsMissing));
        Assert.Equal(5.200005, ((NumericColumn)feed)[1]);
        Assert.Equal(27.59999, ((NumericColumn)frame["Weight"])[1]);
    }

    [Fact]
    public void FhchLogicalColumnIsText()
    {
        // data/fhch2010.csv line 2 ends with 0.0870947068509337,"TRUE"
        var frame = Datasets.Load("fhch2010");
        Assert.Equal("TRUE", ((TextColumn)frame["correct"])[0]);
        Assert.Equal(0.0870947068509337, ((NumericColumn)frame["log_rt"])[0]);
    }

    [Theory]
    [InlineData("SleepStudy")]
    [InlineData("INSTEVAL")]
    [InlineData("dyestuff2")]
    public void ExistsIgnoresCase(string name) => Assert.True(Datasets.Exists(name));

    [Theory]
    [InlineData("sleep")]
    [InlineData("")]
    [InlineData("sleepstudy.csv")]
    public void ExistsIsFalseForOtherNames(string name) => Assert.False(Datasets.Exists(name));

    [Fact]
    public void LoadIgnoresCaseAndUsesTheCanonicalName()
    {
        Assert.Equal("sleepstudy", Datasets.Load("SleepStudy").Source);
    }

    [Fact]
    public void UnknownDatasetListsTheNames()
    {
        var e = Assert.Throws<DataFileException>(() => Datasets.Load("sleep"));
        Assert.Equal("'sleep' is not a built-in dataset (built-in: sleepstudy, dyestuff, dyestuff2, penicillin, pastes, "
            + "insteval, fhch2010, sitka, dietox, cake, cbpp, grouseticks, verbagg, kb07sim, orthodont, bodyweight, sessions, crossedvar)", e.Message);
    }
}

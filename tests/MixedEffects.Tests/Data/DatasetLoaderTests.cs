using Xunit;
using MixedEffects.Data;

namespace MixedEffects.Tests.Data;

/// <summary>How <see cref="DatasetLoader"/> chooses between a file and a built-in dataset.</summary>
public class DatasetLoaderTests
{
    [Fact]
    public void ReadsAnExistingFile()
    {
        using var file = new TemporaryFile("mine.csv", "y,g\n1,\"a\"\n");
        var frame = DatasetLoader.Load(file.Path);
        Assert.Equal(file.Path, frame.Source);
        Assert.Equal(["y", "g"], frame.ColumnNames);
    }

    [Fact]
    public void LoadsABuiltInDataset()
    {
        var frame = DatasetLoader.Load("Dyestuff");
        Assert.Equal("dyestuff", frame.Source);
        Assert.Equal(30, frame.RowCount);
    }

    [Fact]
    public void ReportsANameThatIsNeitherAFileNorADataset()
    {
        var e = Assert.Throws<DataFileException>(() => DatasetLoader.Load("nosuch.csv"));
        Assert.Equal("data file 'nosuch.csv' not found and 'nosuch.csv' is not a built-in dataset (built-in: sleepstudy, "
            + "dyestuff, dyestuff2, penicillin, pastes, insteval, fhch2010, sitka, dietox, cake, cbpp, grouseticks, verbagg, kb07sim, "
            + "orthodont, bodyweight, sessions, crossedvar)",
            e.Message);
    }

    [Fact]
    public void ReportsAnEmptyArgument()
    {
        var e = Assert.Throws<DataFileException>(() => DatasetLoader.Load("  "));
        Assert.Equal("no data file or built-in dataset name given", e.Message);
    }
}

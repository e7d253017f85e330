using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Sql;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>Fits through embedded DuckDB (CSV and Parquet) give the in-memory fits.</summary>
public sealed class DuckDbFitTests : IClassFixture<SqlTestData>
{
    private readonly SqlTestData _data;

    public DuckDbFitTests(SqlTestData data) => _data = data;

    public static TheoryData<string, string, string, EstimationMethod, ContrastCoding> Cases => new()
    {
        { "sleepstudy", "Reaction ~ Days + (Days | Subject)", "vector-valued term", EstimationMethod.Reml, ContrastCoding.Treatment },
        { "sleepstudy", "Reaction ~ Days + (Days | Subject)", "vector-valued term, ML", EstimationMethod.MaximumLikelihood, ContrastCoding.Treatment },
        { "sleepstudy", "Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)", "two terms on one factor", EstimationMethod.Reml, ContrastCoding.Treatment },
        { "sleepstudy", "Reaction ~ factor(Days) + (1 | Subject)", "factor of a numeric column", EstimationMethod.Reml, ContrastCoding.Treatment },
        { "penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)", "crossed", EstimationMethod.Reml, ContrastCoding.Treatment },
        { "pastes", "strength ~ 1 + (1 | batch/cask)", "nested", EstimationMethod.Reml, ContrastCoding.Treatment },
        { "pastes", "strength ~ 1 + (1 | batch/cask)", "nested, ML", EstimationMethod.MaximumLikelihood, ContrastCoding.Treatment },
        { "cake", "angle ~ recipe * factor(temperature) + (1 | replicate) + (1 | replicate:recipe)", "interaction, sum coding", EstimationMethod.Reml, ContrastCoding.Sum },
        { "cake", "angle ~ recipe * temp + (1 | replicate:recipe)", "interaction with a covariate, Helmert coding", EstimationMethod.Reml, ContrastCoding.Helmert },
        { "cake", "angle ~ recipe + log(temp) + I(temp^2) + (1 | replicate)", "transformed covariates", EstimationMethod.MaximumLikelihood, ContrastCoding.Treatment },
        { "dietox", "Weight ~ Time + Feed + (1 + Time | Pig)", "rows with NULL dropped", EstimationMethod.Reml, ContrastCoding.Treatment },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CsvFitIsTheInMemoryFit(string dataset, string formula, string what, EstimationMethod method, ContrastCoding coding)
    {
        Assert.NotEmpty(what);
        var options = new LinearMixedModelOptions { Method = method, Contrasts = coding };
        // the same file read in memory (its column types are the CSV reader's, which DuckDB is told to use)
        string csv = _data.Csv(dataset);
        var expected = LinearMixedModel.Fit(formula, DatasetLoader.Load(csv), options);
        var actual = SqlLinearMixedModel.Fit(formula, new DuckDbSource(csv), options);
        SqlFitComparison.AssertSame(expected, actual);
    }

    [Fact]
    public void WaldIntervalsAreTheInMemoryIntervals() =>
        SqlMeansComparison.AssertSameWaldIntervals("dietox", "Weight ~ Time * Evit + Cu + (1 + Time | Pig)", new DuckDbSource(_data.Csv("dietox")));

    [Theory]
    [MemberData(nameof(SqlMeansComparison.Cases), MemberType = typeof(SqlMeansComparison))]
    public void MarginalMeansAreTheInMemoryMeans(string dataset, string formula, string specs, string by, MarginalWeighting weights) =>
        SqlMeansComparison.AssertSame(dataset, formula, specs, by, weights, new DuckDbSource(_data.Csv(dataset)));

    [Theory]
    [MemberData(nameof(SqlAnovaComparison.Cases), MemberType = typeof(SqlAnovaComparison))]
    public void AnovaIsTheInMemoryAnova(string dataset, string formula, ContrastCoding coding) =>
        SqlAnovaComparison.AssertSame(dataset, formula, coding, new DuckDbSource(_data.Csv(dataset)));

    [Theory]
    [MemberData(nameof(SqlInferenceComparison.Cases), MemberType = typeof(SqlInferenceComparison))]
    public void InferenceIsTheInMemoryInference(string dataset, string formula, string smaller) =>
        SqlInferenceComparison.AssertSame(dataset, formula, smaller, () => new DuckDbSource(_data.Csv(dataset)));

    [Fact]
    public void CrossedInferenceCaseHasATermInTheDenseBlock()
    {
        // the Kenward-Roger comparison of this case reads random effects from the dense block, not only the front
        var fit = SqlLinearMixedModel.Fit("angle ~ temp + (1 | replicate) + (1 | recipe)", new DuckDbSource(_data.Csv("cake")), residualPass: false);
        Assert.True(fit.CrossProducts.Layout.FrontTermCount < fit.Terms.Count);
    }

    [Fact]
    public void ParquetFitIsTheInMemoryFit()
    {
        string csv = _data.Csv("penicillin");
        string parquet = Path.Combine(_data.Folder, "penicillin.parquet");
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM {new DuckDbSource(csv).Relation}) TO '{parquet}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
        const string formula = "diameter ~ 1 + (1 | plate) + (1 | sample)";
        var expected = LinearMixedModel.Fit(formula, Datasets.Load("penicillin"));
        var actual = SqlLinearMixedModel.Fit(formula, new DuckDbSource(parquet));
        SqlFitComparison.AssertSame(expected, actual);
        Assert.True(actual.AggregatedRowCount < 200, $"{actual.AggregatedRowCount} aggregated rows for 144 observations");
    }

    [Fact]
    public void FitWithBoundedMemoryAndOneThreadIsTheInMemoryFit()
    {
        string csv = _data.Csv("sleepstudy");
        string temp = Path.Combine(_data.Folder, "duckdb-spill");
        const string formula = "Reaction ~ Days + (Days | Subject)";
        var expected = LinearMixedModel.Fit(formula, DatasetLoader.Load(csv));
        var actual = SqlLinearMixedModel.Fit(formula, new DuckDbSource(csv, new DuckDbSettings("256MB", 1, temp)));
        SqlFitComparison.AssertSame(expected, actual);
    }

    [Fact]
    public void BadMemoryLimitIsOneLine()
    {
        string csv = _data.Csv("sleepstudy");
        var e = Assert.Throws<SqlSourceException>(() =>
            SqlLinearMixedModel.Fit("Reaction ~ Days + (1 | Subject)", new DuckDbSource(csv, new DuckDbSettings("lots"))));
        Assert.StartsWith($"cannot connect to {csv}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}

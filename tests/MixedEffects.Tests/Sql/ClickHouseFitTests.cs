using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Models;
using MixedEffects.Sql;
using MixedEffects.Tests.Cli;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// Fits through a Distributed table over two real ClickHouse servers (started by the fixture, half the rows on each)
/// give the in-memory fits; bad input is one line without the password.
/// </summary>
public sealed class ClickHouseFitTests : IClassFixture<ClickHouseCluster>
{
    private readonly ClickHouseCluster _cluster;

    public ClickHouseFitTests(ClickHouseCluster cluster) => _cluster = cluster;

    /// <summary>
    /// The shards' partial sums are added in another order than the in-memory cross products (last-bit differences),
    /// so the optimizer's path may differ: the same optimum, and every number equal at the engine's theta.
    /// </summary>
    internal static void AssertSameOptimum(string formula, Dataset data, LinearMixedModelOptions options, SqlLinearMixedModelFit actual) =>
        SqlFitComparison.AssertSameOptimum(LinearMixedModel.Fit(formula, data, options),
            LinearMixedModelObjective.Create(formula, data, options).FitAt(actual.Theta), actual);

    [ClickHouseTheory]
    [MemberData(nameof(DuckDbFitTests.Cases), MemberType = typeof(DuckDbFitTests))]
    public void DistributedTableFitIsTheInMemoryFit(string dataset, string formula, string what, EstimationMethod method, ContrastCoding coding)
    {
        Assert.NotEmpty(what);
        _cluster.Load(dataset);
        var options = new LinearMixedModelOptions { Method = method, Contrasts = coding };
        var actual = SqlLinearMixedModel.Fit(formula, new ClickHouseSource(_cluster.Uri, dataset, null), options);
        AssertSameOptimum(formula, Datasets.Load(dataset), options, actual);
    }

    [ClickHouseTheory]
    [MemberData(nameof(SqlInferenceComparison.Cases), MemberType = typeof(SqlInferenceComparison))]
    public void InferenceIsTheInMemoryInference(string dataset, string formula, string smaller)
    {
        _cluster.Load(dataset);
        SqlInferenceComparison.AssertSameAtTheta(dataset, formula, smaller, () => new ClickHouseSource(_cluster.Uri, dataset, null));
    }

    [ClickHouseFact]
    public void BothShardsHoldRows()
    {
        _cluster.Load("sleepstudy");
        Assert.Equal("90\n", _cluster.Execute(0, "SELECT count() FROM sleepstudy_local"));
        Assert.Equal("90\n", _cluster.Execute(1, "SELECT count() FROM sleepstudy_local"));
        Assert.Equal("180\n", _cluster.Execute(0, "SELECT count() FROM sleepstudy"));
    }

    [ClickHouseFact]
    public void QueryFitIsTheInMemoryFitOfTheSameRows()
    {
        _cluster.Load("sleepstudy");
        const string formula = "Reaction ~ Days + (Days | Subject)";
        var data = Datasets.Load("sleepstudy");
        var days = ((NumericColumn)data["Days"]).Values.ToArray();
        var options = new LinearMixedModelOptions();
        var actual = SqlLinearMixedModel.Fit(formula, new ClickHouseSource(_cluster.Uri, null, "SELECT * FROM sleepstudy WHERE \"Days\" >= 2"), options);
        AssertSameOptimum(formula, data.SelectRows(Enumerable.Range(0, data.RowCount).Where(i => days[i] >= 2).ToArray()), options, actual);
    }

    [ClickHouseFact]
    public void CliFitsADistributedTableAndNamesItWithoutThePassword()
    {
        _cluster.Load("penicillin");
        var run = CliRun.Succeeding("fit", _cluster.Uri, "diameter ~ 1 + (1 | plate) + (1 | sample)", "--table", "penicillin");
        var expected = CliRun.Succeeding("fit", "penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)");
        Assert.Contains($"   Data: penicillin at clickhouse://default@127.0.0.1:{_cluster.Port}/default", run.Stdout);
        Assert.DoesNotContain(ClickHouseCluster.Password, run.Stdout + run.Stderr);
        Assert.Equal(expected.Stdout[expected.Stdout.IndexOf("REML criterion", StringComparison.Ordinal)..],
            run.Stdout[run.Stdout.IndexOf("REML criterion", StringComparison.Ordinal)..]);
    }

    [ClickHouseFact]
    public void CliJsonReportIsTheInMemoryReport()
    {
        _cluster.Load("sleepstudy");
        string[] model = ["Reaction ~ Days + (Days | Subject)", "--format", "json", "--compare", "Reaction ~ 1 + (Days | Subject)"];
        var run = CliRun.Succeeding(["fit", _cluster.Uri, .. model, "--table", "sleepstudy"]);
        var expected = CliRun.Succeeding(["fit", "sleepstudy", .. model]);
        Assert.DoesNotContain(ClickHouseCluster.Password, run.Stdout + run.Stderr);
        // the shards' sums differ from the in-memory ones in the last bits: the same optimum to the optimizer's precision
        SqlJsonComparison.AssertSame(expected.Stdout, run.Stdout, SqlFitComparison.ThetaTolerance);
    }

    [ClickHouseFact]
    public void UnknownTable() => DatabaseBadInput.UnknownTable(_cluster.Uri, ClickHouseCluster.Password);

    [ClickHouseFact]
    public void UnknownColumn()
    {
        _cluster.Load("sleepstudy");
        DatabaseBadInput.UnknownColumn(_cluster.Uri, ClickHouseCluster.Password);
    }

    [ClickHouseFact]
    public void QueryWithoutRows()
    {
        _cluster.Load("sleepstudy");
        DatabaseBadInput.QueryWithoutRows(_cluster.Uri, ClickHouseCluster.Password);
    }

    [ClickHouseFact]
    public void TextColumnAsCovariate()
    {
        _cluster.Load("penicillin");
        DatabaseBadInput.TextColumnAsCovariate(_cluster.Uri, ClickHouseCluster.Password);
    }

    [ClickHouseFact]
    public void WrongPassword() => DatabaseBadInput.AssertOneLineWithoutPassword(
        CliRun.Of("fit", _cluster.Uri.Replace(ClickHouseCluster.Password, "not-the-" + ClickHouseCluster.Password, StringComparison.Ordinal), "y ~ x + (1 | g)", "--table", "t"),
        "password", ClickHouseCluster.Password);

    [ClickHouseFact]
    public void ConnectionRefused() => DatabaseBadInput.ConnectionRefused(port => $"clickhouse://default:{ClickHouseCluster.Password}@127.0.0.1:{port}/default", ClickHouseCluster.Password);
}

using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Models;
using MixedEffects.Sql;
using MixedEffects.Tests.Cli;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>Fits from a real PostgreSQL server (started by the fixture) give the in-memory fits; bad input is one line.</summary>
public sealed class PostgresFitTests : IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;

    public PostgresFitTests(PostgresServer server) => _server = server;

    [PostgresTheory]
    [MemberData(nameof(DuckDbFitTests.Cases), MemberType = typeof(DuckDbFitTests))]
    public void TableFitIsTheInMemoryFit(string dataset, string formula, string what, EstimationMethod method, ContrastCoding coding)
    {
        Assert.NotEmpty(what);
        _server.Load(dataset);
        var options = new LinearMixedModelOptions { Method = method, Contrasts = coding };
        var expected = LinearMixedModel.Fit(formula, Datasets.Load(dataset), options);
        var actual = SqlLinearMixedModel.Fit(formula, new PostgresSource(_server.Uri, dataset, null), options);
        SqlFitComparison.AssertSame(expected, actual);
    }

    [PostgresTheory]
    [MemberData(nameof(SqlInferenceComparison.Cases), MemberType = typeof(SqlInferenceComparison))]
    public void InferenceIsTheInMemoryInference(string dataset, string formula, string smaller)
    {
        _server.Load(dataset);
        SqlInferenceComparison.AssertSame(dataset, formula, smaller, () => new PostgresSource(_server.Uri, dataset, null));
    }

    [PostgresFact]
    public void QueryFitIsTheInMemoryFitOfTheSameRows()
    {
        _server.Load("sleepstudy");
        const string formula = "Reaction ~ Days + (Days | Subject)";
        var data = Datasets.Load("sleepstudy");
        var days = ((NumericColumn)data["Days"]).Values.ToArray();
        var expected = LinearMixedModel.Fit(formula, data.SelectRows(Enumerable.Range(0, data.RowCount).Where(i => days[i] >= 2).ToArray()));
        var actual = SqlLinearMixedModel.Fit(formula, new PostgresSource(_server.Uri, null, "SELECT * FROM sleepstudy WHERE \"Days\" >= 2"));
        SqlFitComparison.AssertSame(expected, actual);
    }

    [PostgresFact]
    public void CliFitsATableAndNamesItWithoutThePassword()
    {
        _server.Load("penicillin");
        var run = CliRun.Succeeding("fit", _server.Uri, "diameter ~ 1 + (1 | plate) + (1 | sample)", "--table", "penicillin");
        var expected = CliRun.Succeeding("fit", "penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)");
        Assert.Contains($"   Data: penicillin at postgresql://{PostgresServer.User}@127.0.0.1:{_server.Port}/postgres", run.Stdout);
        Assert.DoesNotContain(PostgresServer.Password, run.Stdout + run.Stderr);
        // everything after the header is the in-memory summary
        Assert.Equal(expected.Stdout[expected.Stdout.IndexOf("REML criterion", StringComparison.Ordinal)..],
            run.Stdout[run.Stdout.IndexOf("REML criterion", StringComparison.Ordinal)..]);
    }

    [PostgresFact]
    public void UnknownTable() => DatabaseBadInput.UnknownTable(_server.Uri, PostgresServer.Password);

    [PostgresFact]
    public void UnknownColumn()
    {
        _server.Load("sleepstudy");
        DatabaseBadInput.UnknownColumn(_server.Uri, PostgresServer.Password);
    }

    [PostgresFact]
    public void QueryWithoutRows()
    {
        _server.Load("sleepstudy");
        DatabaseBadInput.QueryWithoutRows(_server.Uri, PostgresServer.Password);
    }

    [PostgresFact]
    public void TextColumnAsCovariate()
    {
        _server.Load("penicillin");
        DatabaseBadInput.TextColumnAsCovariate(_server.Uri, PostgresServer.Password);
    }

    [PostgresFact]
    public void ConnectionRefused() => DatabaseBadInput.ConnectionRefused(port => $"postgresql://{PostgresServer.User}:{PostgresServer.Password}@127.0.0.1:{port}/postgres", PostgresServer.Password);
}

using MixedEffects.Tests.Cli;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// The bad-input cases every database source must answer with one line and exit code 2, never showing the password:
/// run against a server whose tables <c>sleepstudy</c> and <c>penicillin</c> are loaded.
/// </summary>
internal static class DatabaseBadInput
{
    public static void UnknownTable(string uri, string password) => AssertOneLineWithoutPassword(
        CliRun.Of("fit", uri, "y ~ x + (1 | g)", "--table", "no_such_table"), "no_such_table", password);

    public static void UnknownColumn(string uri, string password) => AssertOneLineWithoutPassword(
        CliRun.Of("fit", uri, "Reaction ~ Dayz + (1 | Subject)", "--table", "sleepstudy"), "'Dayz'", password);

    public static void QueryWithoutRows(string uri, string password) => AssertOneLineWithoutPassword(
        CliRun.Of("fit", uri, "Reaction ~ Days + (1 | Subject)", "--query", "SELECT * FROM sleepstudy WHERE \"Days\" > 100"), "no rows", password);

    public static void TextColumnAsCovariate(string uri, string password) => AssertOneLineWithoutPassword(
        CliRun.Of("fit", uri, "diameter ~ log(plate) + (1 | sample)", "--table", "penicillin"), "column 'plate' is text", password);

    /// <summary>A port nobody listens on, given to <paramref name="uriAtPort"/>.</summary>
    public static void ConnectionRefused(Func<int, string> uriAtPort, string password)
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        AssertOneLineWithoutPassword(CliRun.Of("fit", uriAtPort(port), "y ~ x + (1 | g)", "--table", "t"), "cannot connect", password);
    }

    public static void AssertOneLineWithoutPassword(CliRun run, string mentions, string password)
    {
        CliAssertions.AssertUserError(run, mentions);
        Assert.DoesNotContain(password, run.Stdout + run.Stderr);
    }
}

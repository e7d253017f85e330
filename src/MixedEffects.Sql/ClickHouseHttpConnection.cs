using System.Data;
using System.Data.Common;
using System.Net.Http.Headers;
using System.Text;

namespace MixedEffects.Sql;

/// <summary>
/// A connection to a ClickHouse server through its HTTP interface (queries POSTed, results read as
/// TabSeparatedWithNamesAndTypes). ClickHouse.Driver is not used: it sends settings and asks for a binary format that
/// servers before 19.x do not know (an 18.16 server answers "Unknown setting output_format_binary_write_json_as_string"),
/// while this plain HTTP text protocol works with every release. Credentials travel in a Basic authorization header,
/// never in the URL or a message.
/// </summary>
public sealed class ClickHouseHttpConnection : DbConnection
{
    /// <summary>Seconds to wait for the server to answer the connection check.</summary>
    public const int ConnectTimeoutSeconds = 10;

    private readonly Uri _endpoint;
    private readonly string _database;
    private readonly string _where;
    private readonly AuthenticationHeaderValue? _authorization;
    private HttpClient? _client;
    private ConnectionState _state = ConnectionState.Closed;

    /// <summary>A closed connection to the server at <paramref name="endpoint"/> (http://host:port/) and <paramref name="database"/>.</summary>
    public ClickHouseHttpConnection(Uri endpoint, string database, string? user, string? password, string where)
    {
        _endpoint = endpoint;
        _database = database;
        _where = where;
        if (user is not null || password is not null)
            _authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user ?? "default"}:{password ?? ""}")));
    }

    /// <summary>The connection without credentials.</summary>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString { get => _where; set => throw new NotSupportedException("the connection is set when it is created"); }

    /// <inheritdoc />
    public override string Database => _database;

    /// <inheritdoc />
    public override string DataSource => _endpoint.Authority;

    /// <inheritdoc />
    public override string ServerVersion => "";

    /// <inheritdoc />
    public override ConnectionState State => _state;

    /// <inheritdoc />
    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException("the database is set when the connection is created");

    /// <summary>Checks that the server answers (SELECT 1 within <see cref="ConnectTimeoutSeconds"/> seconds).</summary>
    /// <exception cref="ClickHouseHttpException">The server cannot be reached or refuses the credentials or database.</exception>
    public override void Open()
    {
        _client ??= new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var check = new CancellationTokenSource(TimeSpan.FromSeconds(ConnectTimeoutSeconds));
        using var response = Send("SELECT 1", check.Token);
        _state = ConnectionState.Open;
    }

    /// <inheritdoc />
    public override void Close()
    {
        _client?.Dispose();
        _client = null;
        _state = ConnectionState.Closed;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        throw new NotSupportedException("ClickHouse has no transactions");

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => new ClickHouseHttpCommand(this);

    /// <summary>
    /// Posts <paramref name="sql"/> and returns the response once its headers arrived; the server buffers the result
    /// (wait_end_of_query) so that an error in the query comes back as an error status, not in the middle of the rows.
    /// </summary>
    /// <exception cref="ClickHouseHttpException">The server is unreachable, did not answer in time, or rejected the query.</exception>
    internal HttpResponseMessage Send(string sql, CancellationToken cancel)
    {
        var client = _client ?? throw new InvalidOperationException("the connection is not open");
        // The models' literal lists (levels, conditional modes) may exceed the default 256 KiB query size.
        var uri = new Uri(_endpoint, $"?database={Uri.EscapeDataString(_database)}&wait_end_of_query=1&max_query_size=1073741824");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(sql, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = _authorization;
        HttpResponseMessage response;
        try
        {
            response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseHttpException(e.Message.Split('\n')[0].Trim());
        }
        catch (OperationCanceledException)
        {
            throw new ClickHouseHttpException($"no answer within {ConnectTimeoutSeconds} s");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            using var reader = new StreamReader(response.Content.ReadAsStream(cancel), Encoding.UTF8);
            throw ClickHouseHttpException.FromServer(reader.ReadToEnd());
        }
    }
}

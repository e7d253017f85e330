using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using MixedEffects.Data;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// Two real ClickHouse servers for the tests (Debian's clickhouse-server): each with its own temporary data folder and
/// configuration on free loopback ports, both listed as the two shards of a cluster. A dataset is loaded as a local
/// MergeTree table on each server (rows alternately to the first and second shard) and a Distributed table over both,
/// named as the dataset, on the first server. Start-up waits for both servers' /ping (bounded), and the servers are
/// killed and their folders deleted on dispose or when start-up fails.
/// </summary>
public sealed class ClickHouseCluster : IDisposable
{
    public const string Password = "ch-s3cret-pw";
    public const string Cluster = "two_shards";
    private const string ServerBinary = "/usr/sbin/clickhouse-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _folder = "";
    private readonly List<Process> _servers = [];
    private readonly int[] _httpPorts = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly HashSet<string> _loaded = [];

    public ClickHouseCluster()
    {
        if (UnavailableReason is not null) return;
        _folder = Directory.CreateTempSubdirectory("mixed-ch-").FullName;
        try
        {
            var ports = FreePorts(4);
            _httpPorts = [ports[0], ports[1]];
            int[] tcpPorts = [ports[2], ports[3]];
            for (int s = 0; s < 2; s++) _servers.Add(Start(Path.Combine(_folder, $"shard{s}"), _httpPorts[s], tcpPorts[s], tcpPorts));
            for (int s = 0; s < 2; s++) WaitUntilReady(s);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why the servers cannot run here, or null when they can.</summary>
    public static string? UnavailableReason => File.Exists(ServerBinary)
        ? null
        : "ClickHouse server binary (/usr/sbin/clickhouse-server) is not installed: apt-get install clickhouse-server";

    /// <summary>The HTTP port of the first server (the one with the Distributed tables).</summary>
    public int Port => _httpPorts[0];

    /// <summary>The URI of the first server's default database, with the password it checks.</summary>
    public string Uri => $"clickhouse://default:{Password}@127.0.0.1:{Port}/default";

    /// <summary>Creates the sharded tables of a shipped dataset once: <c>NAME_local</c> on both servers, <c>NAME</c> Distributed.</summary>
    public void Load(string name)
    {
        lock (_loaded)
        {
            if (_loaded.Add(name)) Create(name);
        }
    }

    /// <summary>Runs a statement on server <paramref name="shard"/> (0 or 1) and returns its text answer.</summary>
    public string Execute(int shard, string sql)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_httpPorts[shard]}/")
        {
            Content = new StringContent(sql, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"default:{Password}")));
        using var response = _http.Send(request);
        string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"ClickHouse shard {shard}: {body}");
        return body;
    }

    private void Create(string name)
    {
        var data = Datasets.Load(name);
        string columns = string.Join(", ", data.Columns.Select(c => $"\"{c.Name}\" Nullable({(c is TextColumn ? "String" : "Float64")})"));
        for (int s = 0; s < 2; s++)
        {
            Execute(s, $"DROP TABLE IF EXISTS \"{name}_local\"");
            Execute(s, $"CREATE TABLE \"{name}_local\" ({columns}) ENGINE = MergeTree ORDER BY tuple()");
        }
        Execute(0, $"DROP TABLE IF EXISTS \"{name}\"");
        Execute(0, $"CREATE TABLE \"{name}\" AS \"{name}_local\" ENGINE = Distributed({Cluster}, default, \"{name}_local\")");
        var shards = new[] { new StringBuilder(), new StringBuilder() };
        for (int r = 0; r < data.RowCount; r++)
        {
            var line = data.Columns.Select(column => column switch
            {
                TextColumn text when text[r] is { } v => v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal),
                NumericColumn number when !double.IsNaN(number.Values[r]) => number.Values[r].ToString("R", CultureInfo.InvariantCulture),
                _ => "\\N",
            });
            shards[r % 2].Append(string.Join('\t', line)).Append('\n');
        }
        for (int s = 0; s < 2; s++) Execute(s, $"INSERT INTO \"{name}_local\" FORMAT TabSeparated\n{shards[s]}");
    }

    private static Process Start(string folder, int httpPort, int tcpPort, int[] shardTcpPorts)
    {
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        Directory.CreateDirectory(Path.Combine(folder, "user_files"));
        string shards = string.Concat(shardTcpPorts.Select(p =>
            $"<shard><replica><host>127.0.0.1</host><port>{p}</port><user>default</user><password>{Password}</password></replica></shard>"));
        File.WriteAllText(Path.Combine(folder, "config.xml"), $"""
            <?xml version="1.0"?>
            <yandex>
              <logger><level>warning</level><log>{folder}/server.log</log><errorlog>{folder}/server.err.log</errorlog></logger>
              <http_port>{httpPort}</http_port>
              <tcp_port>{tcpPort}</tcp_port>
              <listen_host>127.0.0.1</listen_host>
              <path>{folder}/data/</path>
              <tmp_path>{folder}/tmp/</tmp_path>
              <user_files_path>{folder}/user_files/</user_files_path>
              <users_config>{folder}/users.xml</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <mark_cache_size>67108864</mark_cache_size>
              <remote_servers><{Cluster}>{shards}</{Cluster}></remote_servers>
            </yandex>
            """);
        File.WriteAllText(Path.Combine(folder, "users.xml"), $"""
            <?xml version="1.0"?>
            <yandex>
              <profiles><default><max_threads>2</max_threads></default></profiles>
              <users><default><password>{Password}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
              <quotas><default></default></quotas>
            </yandex>
            """);
        var info = new ProcessStartInfo(ServerBinary, $"--config-file={Path.Combine(folder, "config.xml")}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {ServerBinary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void WaitUntilReady(int shard)
    {
        var clock = Stopwatch.StartNew();
        using var ping = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < StartTimeout)
        {
            if (_servers[shard].HasExited)
                throw new InvalidOperationException($"clickhouse-server (shard {shard}) exited with code {_servers[shard].ExitCode}: {ErrorLog(shard)}");
            try
            {
                if (ping.GetStringAsync($"http://127.0.0.1:{_httpPorts[shard]}/ping").GetAwaiter().GetResult().StartsWith("Ok", StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(200);
        }
        throw new InvalidOperationException($"clickhouse-server (shard {shard}) did not answer /ping within {StartTimeout.TotalSeconds} s: {ErrorLog(shard)}");
    }

    private string ErrorLog(int shard)
    {
        string path = Path.Combine(_folder, $"shard{shard}", "server.err.log");
        return File.Exists(path) ? string.Join(" | ", File.ReadLines(path).Where(l => l.Contains("<Error>", StringComparison.Ordinal)).TakeLast(3)) : "";
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            try
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                    server.WaitForExit(30_000);
                }
            }
            catch (InvalidOperationException) { }
            server.Dispose();
        }
        _servers.Clear();
        _http.Dispose();
        if (_folder.Length > 0)
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var l in listeners) l.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }
}

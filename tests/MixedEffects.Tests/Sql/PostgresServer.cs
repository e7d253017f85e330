using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixedEffects.Data;
using Npgsql;
using NpgsqlTypes;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// A real PostgreSQL server for the tests: initdb in a temporary folder, started with pg_ctl on a free loopback port
/// (as the 'postgres' user when the tests run as root, since the server refuses root) and stopped on dispose. The
/// shipped datasets are loaded into tables of the same names with COPY.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "mixedtest";
    public const string Password = "s3cret-pw";
    private static readonly Lazy<string?> BinDirectory = new(FindBinDirectory);
    private readonly string _folder;
    private readonly bool _started;

    public PostgresServer()
    {
        if (UnavailableReason is not null) { _folder = ""; return; }
        _folder = Directory.CreateTempSubdirectory("mixed-pg-").FullName;
        Port = FreePort();
        string data = Path.Combine(_folder, "data");
        if (IsRoot) Run("chown", $"postgres {_folder}");
        PgTool("initdb", $"-D {data} -U {User} --auth=trust -E UTF8 --no-sync");
        PgTool("pg_ctl", $"-D {data} -l {Path.Combine(_folder, "log")} -w -o \"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off\" start");
        _started = true;
    }

    /// <summary>Why the server cannot run here, or null when it can.</summary>
    public static string? UnavailableReason => BinDirectory.Value is null
        ? "PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/*/bin) are not installed: apt-get install postgresql"
        : null;

    public int Port { get; }

    /// <summary>The URI of the server's 'postgres' database, with a password (which the server does not check).</summary>
    public string Uri => $"postgresql://{User}:{Password}@127.0.0.1:{Port}/postgres";

    private readonly HashSet<string> _loaded = [];

    /// <summary>Creates table <paramref name="name"/> from a shipped dataset once (numbers as double precision, text as text).</summary>
    public void Load(string name)
    {
        lock (_loaded)
        {
            if (_loaded.Add(name)) Create(name);
        }
    }

    private void Create(string name)
    {
        var data = Datasets.Load(name);
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username={User};Database=postgres");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"DROP TABLE IF EXISTS \"{name}\"; CREATE TABLE \"{name}\" (" +
                string.Join(", ", data.Columns.Select(c => $"\"{c.Name}\" {(c is TextColumn ? "text" : "double precision")}")) + ")";
            create.ExecuteNonQuery();
        }
        using var import = connection.BeginBinaryImport($"COPY \"{name}\" FROM STDIN (FORMAT BINARY)");
        for (int r = 0; r < data.RowCount; r++)
        {
            import.StartRow();
            foreach (var column in data.Columns)
            {
                switch (column)
                {
                    case TextColumn text when text[r] is { } v: import.Write(v, NpgsqlDbType.Text); break;
                    case NumericColumn number when !double.IsNaN(number.Values[r]): import.Write(number.Values[r], NpgsqlDbType.Double); break;
                    default: import.WriteNull(); break;
                }
            }
        }
        import.Complete();
    }

    public void Dispose()
    {
        if (_started)
        {
            try { PgTool("pg_ctl", $"-D {Path.Combine(_folder, "data")} -w -m fast stop"); }
            catch (InvalidOperationException) { }
        }
        if (_folder.Length > 0)
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinDirectory()
    {
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault();
    }

    private static void PgTool(string tool, string arguments)
    {
        string path = Path.Combine(BinDirectory.Value!, tool);
        if (IsRoot) Run("runuser", $"-u postgres -- {path} {arguments}");
        else Run(path, arguments);
    }

    private static void Run(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000)) { process.Kill(true); throw new InvalidOperationException($"{file} {arguments} did not finish"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {stderr} {stdout.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

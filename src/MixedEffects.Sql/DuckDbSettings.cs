namespace MixedEffects.Sql;

/// <summary>
/// How embedded DuckDB may use the machine: the memory its buffers may hold before aggregations and joins spill to
/// <see cref="TempDirectory"/>, and its threads. The defaults keep a fit of any file size within a bounded memory.
/// </summary>
/// <param name="MemoryLimit">DuckDB's memory_limit, e.g. <c>1GB</c>.</param>
/// <param name="Threads">DuckDB's threads; null for one per core.</param>
/// <param name="TempDirectory">Where DuckDB spills; null for a folder under the system's temporary folder.</param>
public sealed record DuckDbSettings(string MemoryLimit = DuckDbSettings.DefaultMemoryLimit, int? Threads = null, string? TempDirectory = null)
{
    /// <summary>The default memory limit.</summary>
    public const string DefaultMemoryLimit = "1GB";

    /// <summary>The connection string of an in-memory database with these settings.</summary>
    internal string ConnectionString()
    {
        string temp = TempDirectory ?? Path.Combine(Path.GetTempPath(), "mixed-duckdb");
        string threads = Threads is { } t ? $";threads={t}" : "";
        return $"Data Source=:memory:;memory_limit={MemoryLimit};temp_directory={temp};preserve_insertion_order=false{threads}";
    }
}

using MixedEffects.Data;

namespace MixedEffects.Tests.Sql;

/// <summary>The shipped datasets written out as CSV files (and Parquet copies) in a temporary folder for SQL engines to read.</summary>
public sealed class SqlTestData : IDisposable
{
    public SqlTestData()
    {
        Folder = Directory.CreateTempSubdirectory("mixed-sql-").FullName;
    }

    public string Folder { get; }

    /// <summary>The dataset's CSV file (written on first use).</summary>
    public string Csv(string name)
    {
        string path = Path.Combine(Folder, name + ".csv");
        if (File.Exists(path)) return path;
        using var stream = typeof(Dataset).Assembly.GetManifestResourceStream($"MixedEffects.Data.{name}.csv")
            ?? throw new InvalidOperationException($"no shipped dataset {name}");
        using var file = File.Create(path);
        stream.CopyTo(file);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

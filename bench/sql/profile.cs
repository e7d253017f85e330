#:package DuckDB.NET.Data.Full@1.5.6.1
// Times the crossed model's aggregation query in embedded DuckDB, split into the engine's part (the query wrapped in
// COUNT(*), nothing read back) and reading every aggregated row back, with the fit's settings (1GB, spilling).
// Usage: dotnet run profile.cs -- FILE.parquet
using System.Diagnostics;
using DuckDB.NET.Data;

string file = args[0];
using var connection = new DuckDBConnection($"Data Source=:memory:;memory_limit=1GB;temp_directory={Path.GetTempPath()}mixed-duckdb;preserve_insertion_order=false");
connection.Open();
string one = "CAST(1 AS DOUBLE PRECISION)", x = "CAST(\"x\" AS DOUBLE PRECISION)", y = "CAST(\"y\" AS DOUBLE PRECISION)";
string from = $"FROM read_parquet('{file}') AS source_rows WHERE \"a\" IS NOT NULL AND \"b\" IS NOT NULL AND \"x\" IS NOT NULL AND \"y\" IS NOT NULL";
string sums = $"SUM({one}), SUM({x}), SUM({y}), SUM({x} * {x}), SUM({x} * {y}), SUM({y} * {y})";
var queries = new (string Name, string Sql)[]
{
    ("fixed sums", $"SELECT {sums} {from}"),
    ("grouping sets (a, b), (a), (b)", $"SELECT \"a\", \"b\", GROUPING(\"a\", \"b\"), {sums} {from} GROUP BY GROUPING SETS ((\"a\", \"b\"), (\"a\"), (\"b\"))"),
    ("group by a, b", $"SELECT \"a\", \"b\", {sums} {from} GROUP BY \"a\", \"b\""),
    ("group by a, b, count only", $"SELECT \"a\", \"b\", COUNT(*) {from} GROUP BY \"a\", \"b\""),
};
foreach (var (name, sql) in queries)
{
    Time($"{name}: engine only", $"SELECT COUNT(*) FROM ({sql})", read: false);
    Time($"{name}: rows read back", sql, read: true);
}

void Time(string label, string sql, bool read)
{
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    long rows = 0;
    double check = 0;
    while (reader.Read())
    {
        rows++;
        if (read) for (int i = 0; i < reader.FieldCount; i++) check += reader.IsDBNull(i) ? 0 : Convert.ToDouble(reader.GetValue(i));
    }
    process.Refresh();
    Console.WriteLine($"{label}: {clock.Elapsed.TotalSeconds:0.00} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} s, {rows} rows");
}

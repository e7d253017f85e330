#:package DuckDB.NET.Data.Full@1.5.6.1
// Writes a Parquet file's rows as CSV (header, comma-separated), for the in-memory path and lme4 to read the same data.
// Usage: dotnet run csv.cs -- IN.parquet OUT.csv
using DuckDB.NET.Data;

using var connection = new DuckDBConnection("Data Source=:memory:;memory_limit=2GB");
connection.Open();
using var command = connection.CreateCommand();
command.CommandText = $"COPY (SELECT * FROM read_parquet('{args[0]}')) TO '{args[1]}' (HEADER, DELIMITER ',')";
command.ExecuteNonQuery();
Console.WriteLine($"{args[1]}");

#:package DuckDB.NET.Data.Full@1.5.6.1
// Writes the SQL benchmark's Parquet files with embedded DuckDB:
//   crossed.parquet  y ~ x + (1 | a) + (1 | b)              a: 20,000 levels, b: 200 levels (crossed)
//   nested.parquet   y ~ x + (1 | district/school/class)   100 districts, 2,000 schools, 50,000 classes
// Usage: dotnet run generate.cs -- ROWS OUTPUT_FOLDER [crossed|nested|both]
// Random effects are normal deviates derived from a hash of the level, so every row of a level shares its effect.
using DuckDB.NET.Data;

long rows = args.Length > 0 ? long.Parse(args[0]) : 10_000_000;
string folder = args.Length > 1 ? args[1] : ".";
string which = args.Length > 2 ? args[2] : "both";
Directory.CreateDirectory(folder);

// a uniform integer in [0, n) from the hash of a key shifted by a salt (different salts give independent streams)
static string Uniform(string key, int salt, long n) => $"CAST(hash({key} + {salt}000000000000) % {n} AS BIGINT)";

// a standard normal deviate from two hashes of a key (Box-Muller)
static string Normal(string key, int salt) =>
    $"(sqrt(-2 * ln(({Uniform(key, salt, 1000000)} + 0.5) / 1000000.0)) * cos(2 * pi() * ({Uniform(key, salt + 1, 1000000)} + 0.5) / 1000000.0))";

using var connection = new DuckDBConnection($"Data Source=:memory:;memory_limit=4GB;temp_directory={Path.Combine(folder, "duckdb-temp")}");
connection.Open();
void Run(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

string crossed = Path.Combine(folder, "crossed.parquet");
if (which != "nested") Run($"""
    COPY (
      SELECT a, b, x,
             1.0 + 0.5 * x + 0.8 * {Normal("a", 1)} + 0.4 * {Normal("b", 3)} + {Normal("i", 5)} AS y
      FROM (SELECT i, {Uniform("i", 7, 20000)} AS a, {Uniform("i", 8, 200)} AS b,
                   {Normal("i", 9)} AS x
            FROM range({rows}) t(i))
    ) TO '{crossed}' (FORMAT parquet)
    """);

string nested = Path.Combine(folder, "nested.parquet");
if (which != "crossed") Run($"""
    COPY (
      SELECT district, school, class, x,
             2.0 - 0.3 * x + 0.6 * {Normal("district", 11)} + 0.5 * {Normal("school", 13)} + 0.4 * {Normal("class", 15)}
               + {Normal("i", 17)} AS y
      FROM (SELECT i, c // 500 AS district, c // 25 AS school, c AS class, {Normal("i", 19)} AS x
            FROM (SELECT i, {Uniform("i", 21, 50000)} AS c FROM range({rows}) t(i)))
    ) TO '{nested}' (FORMAT parquet)
    """);
Console.WriteLine($"{rows} rows: {(which == "both" ? $"{crossed}, {nested}" : Path.Combine(folder, which + ".parquet"))}");

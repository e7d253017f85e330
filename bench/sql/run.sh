#!/usr/bin/env bash
# SQL benchmark: generates the Parquet files (bench/sql/generate.cs, embedded DuckDB) and fits them through DuckDB
# with `mixed fit FILE.parquet FORMULA --timings`, under /usr/bin/time -v for the peak memory of the process.
# Usage: bash bench/sql/run.sh [ROWS] [FOLDER]      (defaults: 10000000 rows, /tmp/mixed-sql-bench)
set -eu
rows=${1:-10000000}
folder=${2:-/tmp/mixed-sql-bench}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dotnet build "$root/src/MixedEffects.Cli" -c Release >/dev/null
mixed="$root/src/MixedEffects.Cli/bin/Release/net10.0/mixed"
if [ ! -f "$folder/crossed.parquet" ] || [ ! -f "$folder/nested.parquet" ]; then
  (cd "$here" && dotnet run generate.cs -- "$rows" "$folder")
fi
for model in "crossed;y ~ x + (1 | a) + (1 | b)" "nested;y ~ x + (1 | district/school/class)"; do
  name=${model%%;*}
  formula=${model#*;}
  /usr/bin/time -v "$mixed" fit "$folder/$name.parquet" "$formula" --timings >"$folder/$name.out" 2>"$folder/$name.err"
  echo "$name: $formula"
  grep -E "^aggregation|Elapsed \(wall|Maximum resident" "$folder/$name.err"
done

#!/usr/bin/env bash
# SQL benchmark: generates the Parquet files (bench/sql/generate.cs, embedded DuckDB) and fits them through DuckDB
# with `mixed fit FILE.parquet FORMULA --timings` (wall and CPU time per phase), under /usr/bin/time -v for the peak
# memory of the process. DuckDB runs with the fit's defaults (memory_limit 1GB, spilling to the temporary folder).
# Usage: bash bench/sql/run.sh [ROWS] [FOLDER]      (defaults: 10000000 rows, bench/results/sql/ROWS)
set -eu
rows=${1:-10000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
folder=${2:-$root/bench/results/sql/$rows}
dotnet build "$root/src/MixedEffects.Cli" -c Release >/dev/null
mixed="$root/src/MixedEffects.Cli/bin/Release/net10.0/mixed"
mkdir -p "$folder"
for model in "crossed;y ~ x + (1 | a) + (1 | b)" "nested;y ~ x + (1 | district/school/class)"; do
  name=${model%%;*}
  formula=${model#*;}
  [ -f "$folder/$name.parquet" ] || (cd "$here" && dotnet run generate.cs -- "$rows" "$folder" "$name")
  /usr/bin/time -v "$mixed" fit "$folder/$name.parquet" "$formula" --timings >"$folder/$name.out" 2>"$folder/$name.err"
  echo "$name: $formula"
  grep -E "^aggregation|User time|System time|Elapsed \(wall|Maximum resident" "$folder/$name.err"
done

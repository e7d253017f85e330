#!/usr/bin/env bash
# The comparison at one size: the DuckDB path (Parquet), the in-memory path (the same rows as CSV) and lme4 (the CSV,
# data.table::fread, lmer's defaults), each under /usr/bin/time -v; lme4 is stopped after LIMIT seconds.
# Usage: bash bench/sql/compare.sh [ROWS] [FOLDER] [LIMIT]     (defaults: 10000000, bench/results/sql/10m, 600)
set -u
rows=${1:-10000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
folder=${2:-$root/bench/results/sql/10m}
limit=${3:-600}
mixed="$root/src/MixedEffects.Cli/bin/Release/net10.0/mixed"
mkdir -p "$folder/compare"
for name in crossed nested; do
  [ -f "$folder/$name.parquet" ] || (cd "$here" && dotnet run generate.cs -- "$rows" "$folder" "$name")
  [ -f "$folder/$name.csv" ] || (cd "$here" && dotnet run csv.cs -- "$folder/$name.parquet" "$folder/$name.csv")
done
for model in "crossed;y ~ x + (1 | a) + (1 | b)" "nested;y ~ x + (1 | district/school/class)"; do
  name=${model%%;*}
  formula=${model#*;}
  out="$folder/compare/$name"
  /usr/bin/time -v "$mixed" fit "$folder/$name.parquet" "$formula" --timings >"$out-duckdb.out" 2>"$out-duckdb.err"
  /usr/bin/time -v "$mixed" fit "$folder/$name.csv" "$formula" --ddf none >"$out-memory.out" 2>"$out-memory.err"
  timeout "$limit" /usr/bin/time -v Rscript "$here/lme4.R" "$folder/$name.csv" "$name" >"$out-lme4.out" 2>"$out-lme4.err" \
    || echo "lme4 stopped after $limit s" >>"$out-lme4.out"
  for engine in duckdb memory lme4; do
    echo "$name $engine:"
    grep -hE "^aggregation|^read:|stopped after" "$out-$engine.err" "$out-$engine.out"
    grep -hE "User time|System time|Elapsed \(wall|Maximum resident" "$out-$engine.err"
  done
done

#!/usr/bin/env bash
# Generates the large benchmark datasets into bench/results/data/ (not committed): with R when it is installed
# (bench/simulate-large.R, the same data every time), else with awk (same design and distributions, other draws).
# Usage (from anywhere): bash bench/generate-large.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=bench/results/data
mkdir -p "$out"
[ -s "$out/nested3.csv" ] && exit 0
if command -v Rscript >/dev/null; then
  Rscript bench/simulate-large.R
  exit 0
fi
awk -v seed=20261129 'function normal(sd) { return sd * sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) }
BEGIN {
  srand(seed); nd = 500; ns = 10000; nc = 50000; n = 400000
  for (s = 1; s <= ns; s++) district[s] = int(rand() * nd) + 1
  for (c = 1; c <= nc; c++) school[c] = int(rand() * ns) + 1
  for (d = 1; d <= nd; d++) ed[d] = normal(0.5)
  for (s = 1; s <= ns; s++) es[s] = normal(0.4)
  for (c = 1; c <= nc; c++) ec[c] = normal(0.3)
  print "\"y\",\"x\",\"district\",\"school\",\"class\""
  for (i = 1; i <= n; i++) {
    c = int(rand() * nc) + 1; s = school[c]; d = district[s]; x = normal(1)
    y = 1 + 0.5 * x + ed[d] + es[s] + ec[c] + normal(1)
    printf "%.15g,%.15g,\"d%04d\",\"s%05d\",\"c%05d\"\n", y, x, d, s, c
  }
}' > "$out/nested3.csv"

#!/usr/bin/env bash
# Generates the large benchmark datasets into bench/results/data/ (not committed): nested3.csv, crossed1m.csv and
# long400k.csv. With R when it is installed (bench/simulate-large.R, the same data every time), else with awk (same
# designs and distributions, other draws).
# Usage (from anywhere): bash bench/generate-large.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=bench/results/data
mkdir -p "$out"
[ -s "$out/nested3.csv" ] && [ -s "$out/crossed1m.csv" ] && [ -s "$out/long400k.csv" ] && exit 0
if command -v Rscript >/dev/null; then
  Rscript bench/simulate-large.R
  exit 0
fi
normal='function normal(sd) { return sd * sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) }'
[ -s "$out/nested3.csv" ] || awk -v seed=20261129 "$normal"'
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
[ -s "$out/crossed1m.csv" ] || awk -v seed=20261130 "$normal"'
BEGIN {
  srand(seed); nu = 6000; ni = 3700; n = 1000000
  for (u = 1; u <= nu; u++) eu[u] = normal(0.6)
  for (i = 1; i <= ni; i++) ei[i] = normal(0.5)
  print "\"y\",\"u\",\"i\""
  for (r = 1; r <= n; r++) {
    u = int(rand() * nu) + 1; i = int(rand() * ni) + 1
    printf "%.15g,\"u%05d\",\"i%05d\"\n", 3 + eu[u] + ei[i] + normal(1), u, i
  }
}' > "$out/crossed1m.csv"
[ -s "$out/long400k.csv" ] || awk -v seed=20261131 "$normal"'
BEGIN {
  srand(seed); nsub = 50000; nv = 8
  for (k = 1; k <= 200; k++) ek[k] = normal(1)
  print "\"y\",\"t\",\"subj\",\"site\""
  for (p = 1; p <= nsub; p++) {
    site = int(rand() * 200) + 1; b0 = normal(2); b1 = 0.3 * b0 / 2 + normal(0.5)
    for (t = 0; t < nv; t++)
      printf "%.15g,%d,\"p%06d\",\"k%03d\"\n", 10 + 0.8 * t + b0 + b1 * t + ek[site] + normal(1), t, p, site
  }
}' > "$out/long400k.csv"

#!/usr/bin/env bash
# Residual variance structures: times the `mixed` command (whole process) against glmmTMB's dispformula on a
# 40,000-row crossed design and against nlme::lme on 20,000- and 100,000-row nested designs, in the same run.
# Usage (from anywhere):  bash bench/variance/run.sh [runs]    (needs R with glmmTMB and nlme for the data and the peers)
# Times the executable a user installs (Native AOT where it builds, else ReadyToRun; bench/build-mixed.sh), or MIXED=path/to/mixed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
runs="${1:-3}"
out="bench/results"
mkdir -p "$out"
[ -f "$out/variance_crossed.csv" ] && [ -f "$out/variance_nested_large.csv" ] || Rscript bench/variance/simulate.R "$out"
source bench/build-mixed.sh "$out"

# model id ; peer ; data ; formula ; options
models=(
  "crossed_varident_ml;glmmTMB;$out/variance_crossed.csv;rt ~ cond + (1 | subj) + (1 | item);--ml --variance;varIdent(~ 1 | cond)"
  "crossed_varident_reml;glmmTMB;$out/variance_crossed.csv;rt ~ cond + (1 | subj) + (1 | item);--reml --variance;varIdent(~ 1 | cond)"
  "nested_varident_reml;nlme;$out/variance_nested.csv;y ~ x + group + (1 | subj);--reml --variance;varIdent(~ 1 | group)"
  "nested_large_varident_reml;nlme;$out/variance_nested_large.csv;y ~ x + group + (1 | subj);--reml --variance;varIdent(~ 1 | group)"
  "nested_varexp_ml;nlme;$out/variance_nested.csv;y ~ x + group + (1 | subj);--ml --variance;varExp(~ x)"
  "nested_large_varexp_ml;nlme;$out/variance_nested_large.csv;y ~ x + group + (1 | subj);--ml --variance;varExp(~ x)"
)

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
declare -A ours ours_cpu ours_ll ours_evals peer peer_cpu peer_ll
for m in "${models[@]}"; do
  IFS=';' read -r id _ data formula opts fn <<< "$m"
  times=(); cpus=()
  for ((r = 0; r < runs; r++)); do
    # shellcheck disable=SC2086
    json=$(/usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$mixed" fit "$data" "$formula" $opts "$fn" --ddf none --format json)
    read -r elapsed user sys < "$out/time.txt"
    times+=("$elapsed"); cpus+=("$(echo "$user + $sys" | bc -l)")
  done
  ours[$id]=$(printf '%s\n' "${times[@]}" | median)
  ours_cpu[$id]=$(printf '%s\n' "${cpus[@]}" | median)
  ours_ll[$id]=$(echo "$json" | grep -Eo '"logLik": *-?[0-9.e+-]+' | grep -Eo -- '-?[0-9.e+-]+$')
  ours_evals[$id]=$(echo "$json" | grep -Eo '"evaluations": *[0-9]+' | head -1 | grep -Eo '[0-9]+$')
done
while IFS= read -r line; do
  id=$(echo "$line" | grep -Eo '"model":"[^"]+"' | cut -d'"' -f4)
  peer[$id]=$(echo "$line" | grep -Eo '"seconds":[0-9.]+' | cut -d: -f2)
  peer_cpu[$id]=$(echo "$line" | grep -Eo '"cpu_seconds":[0-9.]+' | cut -d: -f2)
  peer_ll[$id]=$(echo "$line" | grep -Eo '"logLik":-?[0-9.e+-]+' | cut -d: -f2)
done < <(Rscript bench/variance/bench.R "$runs" "$out" 2>/dev/null)

echo "| model | peer | mixed (s) | mixed CPU (s) | evaluations | peer (s) | peer CPU (s) | peer / mixed | CPU ratio | logLik mixed | logLik peer |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for m in "${models[@]}"; do
  IFS=';' read -r id p _ _ _ _ <<< "$m"
  o="${ours[$id]}"; oc="${ours_cpu[$id]}"; l="${peer[$id]:-}"; lc="${peer_cpu[$id]:-}"
  ratio=""; [ -n "$l" ] && ratio=$(printf '%.1f' "$(echo "$l / $o" | bc -l)")
  cratio=""; [ -n "$lc" ] && cratio=$(printf '%.1f' "$(echo "$lc / $oc" | bc -l)")
  printf '| %s | %s | %.3f | %.3f | %s | %s | %s | %s | %s | %s | %s |\n' "$id" "$p" "$o" "$oc" "${ours_evals[$id]}" \
    "${l:+$(printf '%.3f' "$l")}" "${lc:+$(printf '%.3f' "$lc")}" "$ratio" "$cratio" "${ours_ll[$id]}" "${peer_ll[$id]:-}"
done
echo
echo "mixed: $mixed_build"
echo "runs: $runs (median), load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"

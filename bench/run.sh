#!/usr/bin/env bash
# Times the `mixed` command (whole process: start-up, reading the CSV, fitting, printing JSON) on the
# benchmark models and, when R with lme4 is installed, lme4 on the same models in the same run.
# Usage (from anywhere):  bash bench/run.sh [runs]      (default 3 runs; the median is reported)
# lme4 on the 1M-row crossed model takes 15-40 minutes: it runs (once) only with MIXED_BENCH_LME4_CROSSED1M=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-3}"
# The executable a user installs (Native AOT where it builds, else ReadyToRun; bench/build-mixed.sh), or MIXED=path/to/mixed.
# BENCH_LME4=0 leaves lme4 out (its figures from another run of the same session serve).
source bench/build-mixed.sh bench/results
bash bench/generate-large.sh

# model id ; dataset ; formula ; extra options
models=(
  "insteval_ml;insteval;y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept);--ml --ddf none"
  "fhch2010_slopes_reml;fhch2010;log_rt ~ task * stimulus + (stimulus | id) + (task | item);--ddf none"
  "sleepstudy_slopes_reml;sleepstudy;Reaction ~ Days + (Days | Subject);--ddf none"
  "insteval_satterthwaite;insteval;y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept);--ml --ddf satterthwaite"
  "dietox_kenward_roger;dietox;Weight ~ Time * Evit + (1 | Pig);--ddf kenward-roger"
  "fhch2010_kenward_roger;fhch2010;log_rt ~ task * stimulus + (1 | id) + (1 | item);--ddf kenward-roger"
  "verbagg_glmer_binomial;verbagg;r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item);--family binomial"
  "kb07sim_maximal_reml;kb07sim;rt_trunc ~ spkr * prec * load + (1 + spkr + prec + load | subj) + (1 + spkr + prec + load | item);--ddf none"
  "nested3_ml;bench/results/data/nested3.csv;y ~ x + (1 | district/school/class);--ml --ddf none"
  "long400k_ml;bench/results/data/long400k.csv;y ~ t + (1 + t | subj) + (1 | site);--ml --ddf none"
  "crossed1m_ml;bench/results/data/crossed1m.csv;y ~ 1 + (1 | u) + (1 | i);--ml --ddf none"
)

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

declare -A ours ours_evals ours_peak lme4 lme4_evals
# peak memory (maximum resident set size) from GNU time when it is installed
timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%M" -o bench/results/peak.txt)
for m in "${models[@]}"; do
  IFS=';' read -r id data formula extra <<< "$m"
  times=()
  evals=""
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    if ! out=$("${timer[@]}" "$mixed" fit "$data" "$formula" $extra --format json 2>/dev/null); then out=""; fi
    end=$(date +%s.%N)
    [ -z "$out" ] && break
    times+=("$(echo "$end - $start" | bc -l)")
    evals=$(echo "$out" | grep -Eo '"evaluations": *[0-9]+' | head -1 | grep -Eo '[0-9]+$' || true)
    [ ${#timer[@]} -gt 0 ] && peak=$(( $(cat bench/results/peak.txt) / 1024 ))
  done
  if [ ${#times[@]} -gt 0 ]; then
    ours[$id]=$(printf '%s\n' "${times[@]}" | median)
    ours_evals[$id]=$evals
    ours_peak[$id]=${peak:-}
  fi
done

if [ "${BENCH_LME4:-1}" != 0 ] && command -v Rscript >/dev/null && Rscript -e 'library(lme4)' >/dev/null 2>&1; then
  while IFS= read -r line; do
    id=$(echo "$line" | grep -Eo '"model":"[^"]+"' | cut -d'"' -f4)
    lme4[$id]=$(echo "$line" | grep -Eo '"seconds":[0-9.]+' | cut -d: -f2)
    lme4_evals[$id]=$(echo "$line" | grep -Eo '"evaluations":[0-9]+' | cut -d: -f2)
  done < <(Rscript bench/lme4/bench.R "$runs" 2>/dev/null)  # MIXED_BENCH_LME4_CROSSED1M passes through
fi

echo "| model | mixed (s) | evaluations | peak (MB) | lme4 (s) | evaluations | lme4 / mixed |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for m in "${models[@]}"; do
  IFS=';' read -r id _ _ _ <<< "$m"
  o="${ours[$id]:-}"; l="${lme4[$id]:-}"
  ratio=""
  if [ -n "$o" ] && [ -n "$l" ]; then ratio=$(printf '%.1f' "$(echo "$l / $o" | bc -l)"); fi
  [ -n "$o" ] && o="0$o"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$id" "${o:+$(printf '%.3f' "$o")}" "${ours_evals[$id]:-}" "${ours_peak[$id]:-}" \
    "${l:+$(printf '%.3f' "$l")}" "${lme4_evals[$id]:-}" "$ratio"
done
echo
echo "mixed: $mixed_build"
echo "runs: $runs (median), load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"

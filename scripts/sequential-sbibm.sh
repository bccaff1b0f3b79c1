#!/usr/bin/env bash
# Truncated sequential cINN ('inn infer') on sbibm tasks: for each (task, observation) a run of
# BUDGET simulations in ROUNDS rounds, 10 000 posterior samples, C2ST against sbibm's reference
# posterior; prints one line per run with wall times. Usage:
#   scripts/sequential-sbibm.sh OUT_DIR "slcp:1 sir:1 lotka-volterra:1" [BUDGET] [ROUNDS] [extra infer options]
set -euo pipefail
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$1"; runs="$2"; budget="${3:-10000}"; rounds="${4:-5}"; shift $(( $# < 4 ? $# : 4 ))
mkdir -p "$out"
for run in $runs; do
  task="${run%%:*}"; k="${run##*:}"
  folder="${task//-/_}"
  tag="$task-obs$k"
  t0=$(date +%s.%N)
  "$home/inn" infer "$task" --reference "$k" --budget "$budget" --rounds "$rounds" \
    --out "$out/$tag.bin" --work "$out/$tag.rounds" "$@" > "$out/$tag.infer.log"
  t1=$(date +%s.%N)
  y=$(tail -n 1 "/work/shared/sbibm/$folder/observation_$k.csv")
  "$home/inn" sample "$out/$tag.bin" -y "$y" -n 10000 --seed 1 --out "$out/$tag.samples.csv" > /dev/null
  c2st=$("$home/inn" c2st "/work/shared/sbibm/$folder/reference_posterior_$k.csv.gz" "$out/$tag.samples.csv" | tail -n 1)
  t2=$(date +%s.%N)
  printf '%s observation %s: budget %s in %s rounds, infer %.0f s, sample+c2st %.0f s; %s\n' "$task" "$k" "$budget" \
    "$rounds" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$c2st" | tee -a "$out/summary.txt"
done

#!/usr/bin/env bash
# Proves that a refactor keeps the numbers: records, for fixed seeds, the results of the quick
# suites and posterior samples (plus log densities) of every method, and the sha256 of each file.
#
#   scripts/same-numbers.sh record OUTDIR [SUITES]   run everything into OUTDIR, write OUTDIR/hashes.txt
#   scripts/same-numbers.sh compare DIR_A DIR_B      list the artefacts whose hashes differ (exit 1 if any)
#
# SUITES defaults to "quickstart" (about 2 minutes on a quiet 2-core machine); "none" skips the
# suites, "quickstart sbibm-quick" adds the sbibm tasks. The per-method part trains every
# method on small settings through the command line (`inn train`, `inn sample`, `inn log-prob`): both training schedules
# (fixed steps and epochs with early stopping on a validation split), the cINN's mixture of flows,
# standardisation and the support transform (a data set with a declared support), and the cINN on
# a set and on a sequence problem. Build the jars first (`mvn -q -B -o package -DskipTests`).
# The baseline of commit 3982b69 lives in /work/wt/_brief/baseline-3982b69/.
set -euo pipefail
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
inn="$home/inn"

usage() { sed -n '4,6p' "$0" >&2; exit 2; }

compare() {
  local a="$1" b="$2"
  [[ -f "$a/hashes.txt" && -f "$b/hashes.txt" ]] || { echo "error: both folders need a hashes.txt" >&2; exit 2; }
  local diffs
  diffs=$(join -a1 -a2 -e MISSING -o 0,1.2,2.2 -1 2 -2 2 \
      <(awk '{print $1, $2}' "$a/hashes.txt" | sort -k2) <(awk '{print $1, $2}' "$b/hashes.txt" | sort -k2) \
    | awk '$2 != $3 {print}')
  if [[ -z "$diffs" ]]; then
    echo "same numbers: all $(wc -l < "$a/hashes.txt") artefacts identical"
    return 0
  fi
  echo "artefact  hash-in-$a  hash-in-$b"
  echo "$diffs"
  # for CSV tables, show the first differing lines to help explain a difference
  while read -r file _ _; do
    if [[ "$file" == *.csv && -f "$a/$file" && -f "$b/$file" ]]; then
      echo "--- $file (first differing lines)"
      diff <(head -c 200000 "$a/$file") <(head -c 200000 "$b/$file") | head -6 || true
    fi
  done <<< "$diffs"
  return 1
}

record() {
  local out="$1" suites="${2:-quickstart}"
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  local log="$out/log.txt"
  : > "$log"
  local t0
  t0=$(date +%s)
  [[ "$suites" == none ]] && suites=""
  for suite in $suites; do
    echo "suite $suite ..." | tee -a "$log"
    rm -rf "$out/suite-$suite" "$out/suite-$suite.cells"
    "$inn" run "$suite" --out "$out/suite-$suite" >> "$log" 2>&1
  done

  local m="$out/methods"
  rm -rf "$m"
  mkdir -p "$m"
  # train NAME PROBLEM METHOD [options and -m settings...]; then samples with seed 7
  train() {
    local name="$1" problem="$2" method="$3"
    shift 3
    echo "method $name ..." | tee -a "$log"
    "$inn" train "$problem" --method "$method" --seed 3 --out "$m/$name.model" "$@" >> "$log" 2>&1
  }
  sample() {
    local name="$1"
    shift
    "$inn" sample "$m/$name.model" -n 300 --seed 7 --out "$m/$name.samples.csv" "$@" >> "$log" 2>&1
  }
  local ik=(-y 0.0,1.5) small=(--train-size 1000)

  train inn-steps inverse-kinematics inn "${small[@]}" -m steps=150 -m hidden=32 -m blocks=2
  sample inn-steps "${ik[@]}"
  train inn-epochs inverse-kinematics inn "${small[@]}" -m max_epochs=3 -m hidden=32 -m blocks=2
  sample inn-epochs "${ik[@]}"
  train inn-mmd gaussian-mixture-8 inn "${small[@]}" -m steps=100 -m hidden=32 -m z_loss='"mmd"' \
    -m standardize=false -m support_transform=false -m grad_clip=0.0 -m width=16
  sample inn-mmd -y 0,0,1,0,0,0,0,0

  # one flow trained with epochs; a mixture of two widths; fixed steps with the affine block
  train cinn-epochs inverse-kinematics cinn "${small[@]}" -m hidden=16 -m ensemble=1 -m max_epochs=3 -m blocks=4
  sample cinn-epochs "${ik[@]}"
  train cinn-mixture inverse-kinematics cinn "${small[@]}" -m hidden=0 -m ensemble=1 -m max_epochs=2 -m blocks=2
  sample cinn-mixture "${ik[@]}"
  train cinn-steps inverse-kinematics cinn "${small[@]}" -m hidden=16 -m ensemble=1 -m steps=100 -m blocks=3 \
    -m block='"affine-coupling"' -m alternate_block='""' -m permutation='"lu-permutation"'
  sample cinn-steps "${ik[@]}"
  printf 'x0,x1,x2,x3\n0.1,0.2,-0.3,0.5\n-0.2,0.0,0.4,0.1\n' > "$m/params.csv"
  for name in cinn-epochs cinn-mixture cinn-steps; do
    "$inn" log-prob "$m/$name.model" "${ik[@]}" --params "$m/params.csv" > "$m/$name.logprob.txt" 2>> "$log"
  done

  # a data set with a declared support: standardisation and the support transform of a plugin-free path
  awk 'BEGIN { srand(11); print "a,b,y1,y2";
    for (i = 0; i < 1200; i++) { a = rand(); b = 0.5 + 2 * rand();
      printf "%.6f,%.6f,%.6f,%.6f\n", a, b, a * b + 0.05 * (rand() - 0.5), a - b + 0.05 * (rand() - 0.5) } }' \
    > "$m/data.csv"
  local data=(-p "path=\"$m/data.csv\"" -p 'y_columns=["y1","y2"]' -p 'support={a = [0.0, 1.0], b = "0.5:inf"}')
  train cinn-dataset dataset cinn "${data[@]}" -m hidden=16 -m ensemble=1 -m max_epochs=3 -m blocks=2
  sample cinn-dataset -y 0.5,-0.8
  train cvae-dataset dataset cvae "${data[@]}" -m steps=100 -m hidden=32 -m layers=2
  sample cvae-dataset -y 0.5,-0.8

  # the baselines, each on fixed steps, and the cVAE with epochs as well
  train cvae inverse-kinematics cvae "${small[@]}" -m steps=100 -m hidden=32 -m layers=2
  sample cvae "${ik[@]}"
  train cvae-epochs inverse-kinematics cvae "${small[@]}" -m steps=0 -m max_epochs=3 -m hidden=32 -m layers=2
  sample cvae-epochs "${ik[@]}"
  train cvae-iaf inverse-kinematics cvae-iaf "${small[@]}" -m steps=100 -m hidden=32 -m layers=2
  sample cvae-iaf "${ik[@]}"
  train dropout-nn inverse-kinematics dropout-nn "${small[@]}" -m steps=100 -m hidden=32 -m layers=2
  sample dropout-nn "${ik[@]}"
  train point-nn inverse-kinematics point-nn "${small[@]}" -m steps=100 -m hidden=32 -m layers=2
  sample point-nn "${ik[@]}"
  train cgan inverse-kinematics cgan "${small[@]}" -m steps=100 -m hidden=32 -m layers=2 -m pretrain_steps=20
  sample cgan "${ik[@]}"
  train cgan-large inverse-kinematics cgan-large "${small[@]}" -m steps=30 -m hidden=32 -m disc_hidden=32
  sample cgan-large "${ik[@]}"
  train generator-mmd inverse-kinematics generator-mmd "${small[@]}" -m steps=100 -m hidden=32 -m layers=2
  sample generator-mmd "${ik[@]}"
  train abc inverse-kinematics abc "${small[@]}" -m mode='"quantile"' -m quantile=0.02 -m threads=1
  sample abc "${ik[@]}"

  # the cINN on a set (deepset summary) and on a sequence (the default summary of ar2)
  train cinn-set location-scale-set cinn --train-size 600 -m hidden=16 -m ensemble=1 -m max_epochs=2 -m blocks=2
  awk 'BEGIN { srand(5); print "id,value"; for (i = 0; i < 12; i++) printf "0,%.5f\n", 1 + 0.5 * (rand() - 0.5) }' \
    > "$m/set.csv"
  sample cinn-set --observations "$m/set.csv"
  train cinn-sequence ar2 cinn --train-size 400 -m hidden=16 -m ensemble=1 -m max_epochs=2 -m blocks=2
  awk 'BEGIN { srand(6); print "id,value"; v = 0; for (i = 0; i < 120; i++) { v = 0.5 * v + (rand() - 0.5); printf "0,%.5f\n", v } }' \
    > "$m/sequence.csv"
  sample cinn-sequence --observations "$m/sequence.csv"

  # hashes of every artefact but logs and the files that carry wall times, dates or commits
  (cd "$out" && find . -type f \( -name '*.csv' -o -name '*.model' -o -name '*.txt' -o -name '*.npy' \) \
      ! -name hashes.txt ! -name log.txt ! -name versions.txt ! -name 'timing*' ! -path './*.cells/*' -print0 \
    | sort -z | xargs -0 sha256sum | sed 's#  \./#  #') > "$out/hashes.txt"
  echo "recorded $(wc -l < "$out/hashes.txt") artefacts in $out/hashes.txt ($(( $(date +%s) - t0 )) s)" | tee -a "$log"
}

case "${1:-}" in
  record) [[ $# -ge 2 ]] || usage; record "$2" "${3:-quickstart}" ;;
  compare) [[ $# -eq 3 ]] || usage; compare "$2" "$3" ;;
  *) usage ;;
esac

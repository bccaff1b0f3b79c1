#!/bin/sh
# Example simulator for inn's external protocol in plain POSIX shell and awk, text framing
# (docs/external-simulators.md). Model: x = (a, b), y = (a + b, a * b) + 0.05 * N(0, I).
#
# Each request is one line "SEED ROWS COLS BYTES" followed by ROWS lines of COLS numbers;
# the reply is ROWS lines of two numbers. The process ends when its standard input closes.
#
# Options that make it misbehave, for tests of the protocol's failure handling:
#   --sleep S          sleep S seconds before every batch
#   --crash-every N    exit with an error on every N-th batch this process serves
#   --nan-above T      reply nan for rows with a > T
sleep_s=0
crash_every=0
nan_above=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sleep) sleep_s="$2"; shift 2 ;;
    --crash-every) crash_every="$2"; shift 2 ;;
    --nan-above) nan_above="$2"; shift 2 ;;
    *) echo "sum_product.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

served=0
while read -r seed rows cols bytes; do
  batch=""
  i=0
  while [ "$i" -lt "$rows" ]; do
    IFS= read -r line || { echo "sum_product.sh: input ended inside a batch" >&2; exit 1; }
    batch="$batch$line
"
    i=$((i + 1))
  done
  served=$((served + 1))
  if [ "$crash_every" -gt 0 ] && [ $((served % crash_every)) -eq 0 ]; then
    echo "sum_product.sh: deliberate crash on batch $served (--crash-every $crash_every)" >&2
    exit 3
  fi
  if [ "$sleep_s" != 0 ]; then
    sleep "$sleep_s"
  fi
  # awk's srand takes a modest number; fold the 64-bit seed into [0, 2^31)
  s=$((seed % 2147483647))
  [ "$s" -lt 0 ] && s=$((-s))
  printf '%s' "$batch" | awk -v seed="$s" -v nan_above="$nan_above" '
    BEGIN { srand(seed) }
    {
      u = rand(); if (u < 1e-300) u = 1e-300
      r = sqrt(-2 * log(u)); t = 6.283185307179586 * rand()
      y1 = $1 + $2 + 0.05 * r * cos(t)
      y2 = $1 * $2 + 0.05 * r * sin(t)
      if (nan_above != "" && $1 > nan_above + 0) print "nan nan"
      else printf "%.9g %.9g\n", y1, y2
    }'
done

#!/bin/sh
# Example simulator of sequences for inn's external protocol in POSIX shell and awk, text framing
# (docs/external-simulators.md). Model: x = (drift, noise); a walk of T steps, T drawn from
# 20..60 per row, position_t = position_(t-1) + drift + noise * N(0, 1), starting at 0.
#
# Request: one line "SEED ROWS COLS BYTES", then ROWS lines of COLS numbers.
# Reply: ROWS lines, each the number of steps T and then the T positions (one channel).
# awk's generator is seeded from SEED, so the same request gives the same reply.
while read -r seed rows cols bytes; do
  i=0
  batch=""
  while [ "$i" -lt "$rows" ]; do
    IFS= read -r line || { echo "random_walk.sh: input ended inside a batch" >&2; exit 1; }
    batch="$batch$line
"
    i=$((i + 1))
  done
  printf '%s' "$batch" | awk -v seed="$seed" '
    BEGIN { s = seed % 2147483647; if (s < 0) s = -s; srand(s) }
    function gauss() { return sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) }
    {
      T = 20 + int(rand() * 41); pos = 0; out = T
      for (t = 0; t < T; t++) { pos += $1 + $2 * gauss(); out = out " " pos }
      print out
    }'
done

#!/usr/bin/env bash
# Cross-checks `inn c2st` against scikit-learn (scripts/c2st-sklearn.py) on a few sample pairs
# spanning C2ST 0.5 .. 1.0, and prints a markdown table. Needs Debian's python3-sklearn.
# Usage: [DIM10=1] scripts/c2st-crosscheck.sh [ROWS_PER_SIDE]   (default 10000)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-10000}"
# the dim-10 case trains for ~500 epochs a fold (the net memorises): minutes per side, so opt-in
dim10="${DIM10:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# case name | generator: writes $work/<name>_ref.csv and $work/<name>_q.csv
/usr/bin/python3 - "$work" "$n" "$dim10" <<'PY'
import gzip, sys
import numpy as np
work, n, with_dim10 = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
rng = np.random.default_rng(2024)
def save(name, ref, q):
    np.savetxt(f"{work}/{name}_ref.csv", ref, delimiter=",", fmt="%.7g")
    np.savetxt(f"{work}/{name}_q.csv", q, delimiter=",", fmt="%.7g")
def gauss(d, shift=0.0, scale=1.0):
    return shift + scale * rng.standard_normal((n, d))
save("gauss2_same", gauss(2), gauss(2))
save("gauss2_shift0.3", gauss(2), gauss(2, 0.3))
save("gauss5_shift0.3", gauss(5), gauss(5, 0.3))
save("gauss10_shift0.5", gauss(10), gauss(10, 0.5)) if with_dim10 else None
save("gauss2_scale2", gauss(2), gauss(2, 0.0, 2.0))
save("gauss5_shift2", gauss(5), gauss(5, 2.0))
slcp = np.loadtxt(gzip.open("/work/shared/sbibm/slcp/reference_posterior_1.csv.gz", "rt"), delimiter=",", skiprows=1)
half = len(slcp) // 2
save("slcp1_halves", slcp[:half], slcp[half:])
sd = slcp.std(axis=0, ddof=1)
save("slcp1_blur0.25sd", slcp[:n], slcp[:n] + 0.25 * sd * rng.standard_normal(slcp[:n].shape))
save("slcp1_blur1sd", slcp[:n], slcp[:n] + 1.0 * sd * rng.standard_normal(slcp[:n].shape))
PY
echo "| case | rows a side | dim | sklearn | inn | difference |"
echo "|---|---|---|---|---|---|"
for ref in "$work"/*_ref.csv; do
  name="$(basename "$ref" _ref.csv)"
  q="$work/${name}_q.csv"
  rows=$(wc -l < "$ref")
  dim=$(head -1 "$ref" | tr ',' '\n' | wc -l)
  s=$(/usr/bin/python3 "$home/scripts/c2st-sklearn.py" "$ref" "$q" "$n")
  j=$("$home/inn" c2st --samples "$n" "$ref" "$q")
  echo "| $name | $rows | $dim | $s | $j | $(/usr/bin/python3 -c "print(f'{$j - $s:+.4f}')") |"
done

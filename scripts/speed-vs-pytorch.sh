#!/usr/bin/env bash
# Measures our INN and cINN against their PyTorch yardsticks (same network, loss, batch) one
# after the other on this machine and prints the ratios. PyTorch runs at 1 and 2 threads and
# the better run is the reference (torch on 2 threads collapses on a busy machine). Needs
# Debian's python3-torch (apt-get install -y python3-torch). Run it on a quiet machine.
# The cINN is also measured trained jointly with each summary network (deepset, conv1d, gru)
# against torch_summary_reference.py.
# Usage: scripts/speed-vs-pytorch.sh [folder of the torch_*reference.py scripts] [comparison...]
#   comparisons: inn cinn deepset conv1d gru (default: all of them)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
refs="${1:-$here/../shared/perf}"
shift || true
which=("$@")
if [ ${#which[@]} -eq 0 ]; then
  which=(inn cinn deepset conv1d gru)
fi
for f in torch_reference.py torch_cinn_reference.py torch_summary_reference.py; do
  if [ ! -f "$refs/$f" ]; then
    echo "PyTorch reference $refs/$f not found (pass the folder holding it as the first argument)" >&2
    exit 2
  fi
done
compare() {  # label, our speed arguments, reference script and its arguments
  local label="$1" ours t1 t2
  local -a mine theirs
  read -r -a mine <<<"$2"
  read -r -a theirs <<<"$3"
  ours=$("$here/inn" speed "${mine[@]}" 2>/dev/null | tail -n 1)
  t1=$(OMP_NUM_THREADS=1 /usr/bin/python3 "$refs/${theirs[0]}" "${theirs[@]:1}" --threads 1 | tail -n 1)
  t2=$(OMP_NUM_THREADS=2 /usr/bin/python3 "$refs/${theirs[0]}" "${theirs[@]:1}" --threads 2 | tail -n 1)
  echo "$label inn:        $ours"
  echo "$label pytorch 1t: $t1"
  echo "$label pytorch 2t: $t2"
  python3 - "$label" "$ours" "$t1" "$t2" <<'PY'
import json, sys
name, j = sys.argv[1], json.loads(sys.argv[2])
t = [json.loads(a) for a in sys.argv[3:]]
best = lambda k, f=max: f(r[k] for r in t)
out = {"method": name,
       "train_ratio": round(j["train_steps_per_s"] / best("train_steps_per_s"), 2),
       "sample_ratio": round(j["sample_per_s"] / best("sample_per_s"), 2)}
if "log_prob_per_s" in j and all("log_prob_per_s" in r for r in t):
    out["log_prob_ratio"] = round(j["log_prob_per_s"] / best("log_prob_per_s"), 2)
out["latency_ms"] = j["latency_1_ms"]
out["latency_ms_pytorch_best"] = best("latency_1_ms", min)
print(json.dumps(out))
PY
}
for w in "${which[@]}"; do
  case "$w" in
    inn) compare inn "--method inn" "torch_reference.py" ;;
    cinn) compare cinn "--method cinn" "torch_cinn_reference.py" ;;
    deepset|conv1d|gru) compare "cinn+$w" "--method cinn --summary $w" "torch_summary_reference.py --summary $w" ;;
    *) echo "unknown comparison '$w' (inn, cinn, deepset, conv1d, gru)" >&2; exit 2 ;;
  esac
done

#!/usr/bin/env bash
# Measures our INN and cINN against their PyTorch yardsticks (same network, loss, batch) one
# after the other on this machine and prints the ratios. PyTorch runs at 1 and 2 threads and
# the better run is the reference (torch on 2 threads collapses on a busy machine). Needs
# Debian's python3-torch (apt-get install -y python3-torch). Run it on a quiet machine.
# Usage: scripts/speed-vs-pytorch.sh [folder of torch_reference.py and torch_cinn_reference.py]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
refs="${1:-$here/../shared/perf}"
for f in torch_reference.py torch_cinn_reference.py; do
  if [ ! -f "$refs/$f" ]; then
    echo "PyTorch reference $refs/$f not found (pass the folder holding it as the first argument)" >&2
    exit 2
  fi
done
compare() {  # method, reference script
  local ours t1 t2
  ours=$("$here/inn" speed --method "$1" 2>/dev/null | tail -n 1)
  t1=$(OMP_NUM_THREADS=1 /usr/bin/python3 "$refs/$2" --threads 1 | tail -n 1)
  t2=$(OMP_NUM_THREADS=2 /usr/bin/python3 "$refs/$2" --threads 2 | tail -n 1)
  echo "$1 inn:        $ours"
  echo "$1 pytorch 1t: $t1"
  echo "$1 pytorch 2t: $t2"
  python3 - "$1" "$ours" "$t1" "$t2" <<'PY'
import json, sys
name, j = sys.argv[1], json.loads(sys.argv[2])
t = [json.loads(a) for a in sys.argv[3:]]
best = lambda k, f=max: f(r[k] for r in t)
out = {"method": name,
       "train_ratio": round(j["train_steps_per_s"] / best("train_steps_per_s"), 2),
       "sample_ratio": round(j["sample_per_s"] / best("sample_per_s"), 2)}
if "log_prob_per_s" in j:
    out["log_prob_ratio"] = round(j["log_prob_per_s"] / best("log_prob_per_s"), 2)
    out["latency_ms"] = j["latency_1_ms"]
    out["latency_ms_pytorch_best"] = best("latency_1_ms", min)
print(json.dumps(out))
PY
}
compare inn torch_reference.py
compare cinn torch_cinn_reference.py

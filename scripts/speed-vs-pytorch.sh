#!/usr/bin/env bash
# Runs the INN speed benchmark and the PyTorch reference (same network, losses, batch and
# threads) one after the other on this machine and prints the ratios. The reference needs
# Debian's python3-torch (apt-get install -y python3-torch).
# Usage: scripts/speed-vs-pytorch.sh [path/to/torch_reference.py] [threads]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ref="${1:-$here/../shared/perf/torch_reference.py}"
threads="${2:-2}"
if [ ! -f "$ref" ]; then
  echo "PyTorch reference not found at $ref (pass its path as the first argument)" >&2
  exit 2
fi
java_line=$("$here/inn" speed --threads "$threads" | tail -n 1)
torch_line=$(OMP_NUM_THREADS="$threads" /usr/bin/python3 "$ref" --threads "$threads" | tail -n 1)
echo "inn:     $java_line"
echo "pytorch: $torch_line"
python3 - "$java_line" "$torch_line" <<'PY'
import json, sys
j, t = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({
    "train_ratio": round(j["train_steps_per_s"] / t["train_steps_per_s"], 2),
    "sample_ratio": round(j["sample_per_s"] / t["sample_per_s"], 2),
}))
PY

#!/usr/bin/env bash
# inn-spark on a real standalone Spark cluster (scripts/spark-cluster.sh: a master and two worker
# JVMs on loopback), end to end through `./inn spark ... --master spark://127.0.0.1:PORT`:
#   - stores of 20 000 pairs of the Python example simulator and of lotka-volterra, byte for byte
#     the local `./inn simulate` stores; the same with worker 2 killed in the middle of the fill
#     (Spark re-runs its tasks elsewhere; the manifest lists every chunk once, all files equal);
#   - rejection ABC over a store, the same files as on local[2];
#   - the example plugin jar (examples/plugin-example) shipped to the executors: a store of its
#     problem and a suite's cells with its problem and method;
#   - spark-submit (SparkSubmit, as $SPARK_HOME/bin/spark-submit runs it) of the application jar;
#   - bad input: an unreachable master, a store the workers cannot see, a plugin jar missing on the
#     executors: exit 1, an error naming which, nothing half-written;
#   - afterwards no process of the cluster is running (checked by scripts/spark-cluster.sh stop).
# Needs Java 17 or 21, python3 with numpy, and the jars (built here offline when missing).
# 11-20 minutes measured on the project's 2 cores at load average 18-25 (shared with five other
# sessions); it starts some 17 JVMs, most of its time. Exit status 0 when every check passes.
set -euo pipefail
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$home"
export INN_SPARK_PORT="${INN_SPARK_PORT:-17177}"
work="$(mktemp -d /tmp/inn-spark-cluster-test.XXXXXX)"
export INN_SPARK_CLUSTER_DIR="$work/cluster"
cluster=scripts/spark-cluster.sh
master="spark://127.0.0.1:$INN_SPARK_PORT"
failures=0
t_start=$SECONDS

finish() {
  local status=$?
  "$cluster" stop || status=1
  # nothing of ours may be left: no pid of the pid files, no process working inside the cluster's folder
  local d
  for d in /proc/[0-9]*; do
    if [[ "$(readlink "$d/cwd" 2>/dev/null || true)" == "$work/"* ]]; then
      echo "FAIL: process ${d#/proc/} still running in $work" >&2
      status=1
    fi
  done
  rm -rf "$work"
  echo "spark-cluster-test: $((SECONDS - t_start)) s, $([[ $status -eq 0 && $failures -eq 0 ]] && echo passed || echo FAILED)" >&2
  exit $((status | (failures > 0)))
}
trap finish EXIT

ok() { echo "ok: $*" >&2; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
same_files() { # same_files A B WHAT
  if diff -r "$1" "$2" >/dev/null; then ok "$3: $(ls "$2" | wc -l) files equal byte for byte"; else fail "$3: $1 and $2 differ"; fi
}
# a complete manifest naming each chunk exactly once, and a .done beside every x and y
check_manifest() { # check_manifest STORE CHUNKS WHAT
  local listed
  listed=$(awk '/^\[\[chunk\]\]/{c=1} c && /^index = /{print $3}' "$1/manifest.toml" | sort -n | uniq | wc -l)
  if grep -q '^status = "complete"' "$1/manifest.toml" && [[ "$listed" == "$2" ]] \
    && [[ $(awk '/^\[\[chunk\]\]/' "$1/manifest.toml" | wc -l) == "$2" ]] \
    && [[ $(ls "$1" | grep -c '\.done$') == "$2" ]] && ! ls -A "$1" | grep -q '\.tmp$'; then
    ok "$3: manifest complete, $2 chunks each listed once, no temporary file"
  else
    fail "$3: manifest of $1 is not complete with $2 distinct chunks"
  fi
}

if [[ ! -f inn-spark/target/inn-spark-0.1.0-SNAPSHOT.jar || ! -d inn-spark/target/lib || ! -d inn-bench/target/lib ]]; then
  mvn -q -B -o -DskipTests package -pl inn-spark -am
fi
"$cluster" start 2 >/dev/null

py="python3 $home/examples/simulators/python/sum_product.py"
pyargs=(-p 'prior=["a ~ uniform(0, 1)", "b ~ uniform(0, 1)"]' -p 'observations=["sum", "product"]')

# 1. the Python simulator and a built-in problem: cluster stores equal the local ones
./inn simulate external --n 20000 --chunk 1000 --seed 1 --out "$work/py-local" -p "command=\"$py\"" "${pyargs[@]}" >/dev/null 2>&1
./inn spark simulate external --n 20000 --chunk 1000 --seed 1 --out "$work/py-cluster" --master "$master" \
  -p "command=\"$py\"" "${pyargs[@]}" >/dev/null 2>"$work/py-cluster.log" || fail "python store on the cluster: $(tail -1 "$work/py-cluster.log")"
same_files "$work/py-local" "$work/py-cluster" "Python simulator, 20000 pairs, cluster against local"
./inn simulate lotka-volterra --n 20000 --chunk 1000 --seed 2 --workers 2 --out "$work/lv-local" >/dev/null 2>&1
./inn spark simulate lotka-volterra --n 20000 --chunk 1000 --seed 2 --out "$work/lv-cluster" --master "$master" \
  >/dev/null 2>"$work/lv-cluster.log" || fail "lotka-volterra store on the cluster: $(tail -1 "$work/lv-cluster.log")"
same_files "$work/lv-local" "$work/lv-cluster" "lotka-volterra, 20000 pairs, cluster against local"

# 2. the same with worker 2 killed once the first wave of chunks is written (lotka-volterra too with
#    INN_SPARK_TEST_FULL=1: a minute more)
fill_killing_worker() { # fill_killing_worker NAME ARGS...: ./inn spark simulate ARGS, worker 2 killed mid-job
  local name="$1"
  shift
  ./inn spark simulate "$@" --master "$master" >/dev/null 2>"$work/$name.log" &
  local job=$! t
  for ((t = 0; t < 600; t++)); do
    grep -q 'chunks written this run' "$work/$name.log" 2>/dev/null && break
    kill -0 "$job" 2>/dev/null || break
    sleep 0.2
  done
  sleep 1 # the second wave's tasks are running
  "$cluster" kill-worker 2 2>/dev/null || fail "$name: worker 2 was not running to be killed"
  if wait "$job"; then
    if grep -q 'Lost executor .*worker lost' "$work/$name.log"; then
      ok "$name: fill finished after worker 2 was killed mid-job; Spark said: $(grep -E 'Lost executor|Lost task|Ignoring update' \
        "$work/$name.log" | sed -E 's/^[0-9:.]+ //' | cut -c1-110 | paste -sd'|' -)"
    else
      fail "$name: Spark did not lose worker 2's executor during the job (finished before the kill?)"
    fi
  else
    fail "$name: fill failed after the kill: $(tail -1 "$work/$name.log")"
  fi
  "$cluster" restart-worker 2 2>/dev/null
}
# 50 ms per batch of 100: a chunk takes over half a second, so the killed worker has tasks in flight
slow="$py --sleep 0.05"
./inn simulate external --n 20000 --chunk 1000 --seed 3 --workers 2 --out "$work/slow-local" -p "command=\"$slow\"" \
  "${pyargs[@]}" >/dev/null 2>&1
fill_killing_worker py-kill external --n 20000 --chunk 1000 --seed 3 --out "$work/slow-cluster" -p "command=\"$slow\"" "${pyargs[@]}"
same_files "$work/slow-local" "$work/slow-cluster" "Python simulator with worker 2 killed mid-job"
check_manifest "$work/slow-cluster" 20 "Python simulator with worker 2 killed mid-job"
if [[ "${INN_SPARK_TEST_FULL:-}" == 1 ]]; then
  fill_killing_worker lv-kill lotka-volterra --n 20000 --chunk 1000 --seed 2 --out "$work/lv-cluster-kill"
  same_files "$work/lv-local" "$work/lv-cluster-kill" "lotka-volterra with worker 2 killed mid-job"
  check_manifest "$work/lv-cluster-kill" 20 "lotka-volterra with worker 2 killed mid-job"
fi

# 3. rejection ABC over a store: executors read the chunks (the store is on a folder every worker sees)
python3 -c 'import numpy as np; np.save("'"$work"'/obs.npy", np.array([[1.0, 0.25], [0.5, 0.05], [1.6, 0.6]], dtype=np.float32))'
./inn spark abc --store "$work/py-cluster" --observations "$work/obs.npy" --keep 50 --out "$work/abc-cluster" \
  --master "$master" >/dev/null 2>"$work/abc.log" || fail "abc on the cluster: $(tail -1 "$work/abc.log")"
./inn spark abc --store "$work/py-local" --observations "$work/obs.npy" --keep 50 --out "$work/abc-local" \
  --master 'local[2]' >/dev/null 2>&1
same_files "$work/abc-local" "$work/abc-cluster" "rejection ABC, 3 observations x 50 pairs, cluster against local[2]"

# 4. a third-party plugin jar, compiled from examples/plugin-example against inn-api alone, shipped to the executors
java_bin=$("$cluster" java)
jdk_bin=$(dirname "$(readlink -f "$java_bin")")
mkdir -p "$work/plugin-classes" "$work/plugins"
"$jdk_bin/javac" -nowarn -d "$work/plugin-classes" \
  -cp "inn-spark/target/lib/inn-api-0.1.0-SNAPSHOT.jar:$(ls inn-spark/target/lib/jakarta.inject-api-*.jar)" \
  $(find examples/plugin-example/src/main/java -name '*.java') 2>/dev/null
cp -r examples/plugin-example/src/main/resources/. "$work/plugin-classes/"
"$jdk_bin/jar" cf "$work/plugins/plugin-example-1.0.jar" -C "$work/plugin-classes" .
./inn simulate plugin-sum --plugins "$work/plugins" --n 4000 --chunk 500 --seed 5 --out "$work/plugin-local" >/dev/null 2>&1
./inn spark simulate plugin-sum --plugins "$work/plugins" --n 4000 --chunk 500 --seed 5 --out "$work/plugin-cluster" \
  --master "$master" >/dev/null 2>"$work/plugin.log" || fail "plugin store on the cluster: $(tail -1 "$work/plugin.log")"
same_files "$work/plugin-local" "$work/plugin-cluster" "plugin problem (shipped jar), cluster against local"
cat >"$work/suite.toml" <<'EOF'
name = "plugin-cells"
seeds = [1, 2]
train_size = 2000
test_size = 20
samples = 100
bootstrap = 20
metrics = ["map-rmse", "calibration"]

[figures]
enabled = false

[[problems]]
name = "plugin-sum"

[[methods]]
name = "example-gaussian-fit"
label = "fit"
settings = { steps = 200 }

[[methods]]
name = "abc"
label = "ABC"
settings = { mode = "pool", keep = 100 }
EOF
./inn spark run "$work/suite.toml" --plugins "$work/plugins" --out "$work/cells-cluster" --master "$master" \
  >/dev/null 2>"$work/cells.log" || fail "suite cells on the cluster: $(tail -1 "$work/cells.log")"
./inn spark run "$work/suite.toml" --plugins "$work/plugins" --out "$work/cells-local" --master 'local[2]' >/dev/null 2>&1
# the per-seed results, but for the last three columns (seconds of training, sampling, evaluating), equal to a
# relative 1e-6: the gradient-trained method's numbers differ between JVMs in the last digits (seen: 4e-10)
same_numbers() {
  python3 - "$1" "$2" <<'PY'
import csv, sys
a, b = ([r[:-3] for r in csv.reader(open(f))] for f in sys.argv[1:3])
a, b = sorted(a), sorted(b)
def close(u, v):
    try:
        return abs(float(u) - float(v)) <= 1e-6 * max(1.0, abs(float(u)))
    except ValueError:
        return u == v
sys.exit(0 if len(a) == len(b) and all(len(r) == len(s) and all(map(close, r, s)) for r, s in zip(a, b)) else 1)
PY
}
if [[ $(grep -c ',ok,' "$work/cells-cluster/cells.csv" 2>/dev/null) == 4 ]] \
  && same_numbers "$work/cells-cluster/results-by-seed.csv" "$work/cells-local/results-by-seed.csv"; then
  ok "suite cells of a plugin problem and method: 4 cells on the cluster, the numbers of local[2]"
else
  fail "suite cells on the cluster differ from local[2] (or failed): $work/cells-cluster"
fi

# 5. spark-submit of the application jar, as $SPARK_HOME/bin/spark-submit runs it: inn's jars and the plugin via --jars
inn_jars=$(for f in inn-spark/target/lib/*.jar; do
  [[ -e "$INN_SPARK_CLUSTER_DIR/spark-home/jars/$(basename "$f")" ]] || printf '%s,' "$f"; done)
"$cluster" submit --master "$master" --class dev.inn.spark.cli.SparkMain \
  --jars "${inn_jars}$work/plugins/plugin-example-1.0.jar" inn-spark/target/inn-spark-0.1.0-SNAPSHOT.jar \
  simulate plugin-sum --n 4000 --chunk 500 --seed 5 --out "$work/plugin-submit" >/dev/null 2>"$work/submit.log" \
  || fail "spark-submit: $(tail -1 "$work/submit.log")"
same_files "$work/plugin-local" "$work/plugin-submit" "spark-submit of the application jar with the plugin in --jars"

# 6. bad input
expect_error() { # expect_error WHAT PATTERN LOG NOT_WRITTEN: exit status 1, PATTERN in the error, NOT_WRITTEN absent
  if [[ "$5" == 1 ]] && grep -q "^error: .*$2" "$3" && [[ ! -e "$4" ]]; then
    ok "$1: $(grep '^error: ' "$3" | cut -c1-220)"
  else
    fail "$1: exit $5, expected an error with '$2' and nothing at $4; got: $(tail -2 "$3")"
  fi
}
set +e
./inn spark simulate lotka-volterra --n 1000 --out "$work/unreachable" --master spark://127.0.0.1:1 >/dev/null 2>"$work/bad1.log"
expect_error "unreachable master" "cannot reach the Spark master spark://127.0.0.1:1" "$work/bad1.log" "$work/unreachable" $?
# a store on a folder the workers do not see (STATE/driver-only: a private empty mount in the workers' namespace)
if unshare -m --propagation private true 2>/dev/null; then
  cp -r "$work/py-cluster" "$INN_SPARK_CLUSTER_DIR/driver-only/store"
  ./inn spark abc --store "$INN_SPARK_CLUSTER_DIR/driver-only/store" --observations "$work/obs.npy" --keep 50 \
    --out "$work/abc-unseen" --master "$master" >/dev/null 2>"$work/bad2.log"
  expect_error "store the workers cannot read" "executor [0-9]* (.*) cannot read chunk [0-9]* of the simulation store" \
    "$work/bad2.log" "$work/abc-unseen" $?
else
  echo "skipped: a store the workers cannot read (no mount namespaces here to hide a folder from the workers)" >&2
fi
# the plugin on the driver's class path only (spark-submit with inn and the plugin in --driver-class-path, the
# plugin not in --jars)
"$cluster" submit --driver-class-path "$(tr ',' ':' <<<"$inn_jars")$work/plugins/plugin-example-1.0.jar" \
  --master "$master" --class dev.inn.spark.cli.SparkMain --jars "${inn_jars%,}" \
  inn-spark/target/inn-spark-0.1.0-SNAPSHOT.jar simulate plugin-sum --n 4000 --chunk 500 --seed 5 \
  --out "$work/plugin-missing" >/dev/null 2>"$work/bad3.log"
expect_error "plugin jar missing on the executors" "executor [0-9]* (.*) has no problem plugin 'plugin-sum'" \
  "$work/bad3.log" "$work/plugin-missing/chunk-00000.done" $?
if ls "$work/plugin-missing" | grep -q '^chunk-'; then
  fail "plugin jar missing: chunk files written"
else
  ok "plugin jar missing: the store holds its manifest (status incomplete) and no chunk"
fi
set -e

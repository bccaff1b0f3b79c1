#!/usr/bin/env bash
# A standalone Spark cluster on this machine, for tests and benchmarks of inn-spark:
#   scripts/spark-cluster.sh start [WORKERS]   a master and WORKERS (default 2) workers, 1 core each
#   scripts/spark-cluster.sh status            the master URL and every process, alive or not
#   scripts/spark-cluster.sh kill-worker I     SIGKILL worker I (a crash, for the retry test)
#   scripts/spark-cluster.sh restart-worker I  start worker I again
#   scripts/spark-cluster.sh stop              ends every process it started, and checks that none is left
#   scripts/spark-cluster.sh submit ARGS...    spark-submit (client mode) with the cluster's Spark, as
#                                              $SPARK_HOME/bin/spark-submit ARGS would run it
#   scripts/spark-cluster.sh java              the Java 17/21 runtime the cluster runs on
# Each daemon is its own JVM on the Spark jars Maven fetched for inn-spark (inn-spark/target/lib,
# nothing downloaded), bound to 127.0.0.1 only, on the ports PORT .. PORT+2*WORKERS+1
# (INN_SPARK_PORT, default 17077: the master, its web UI, then each worker and its web UI).
# State (pid files, logs, the workers' executor folders) lives in INN_SPARK_CLUSTER_DIR
# (default inn-spark/target/cluster). The master URL is printed by start and status, and written
# to STATE/master-url.
set -euo pipefail
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
port="${INN_SPARK_PORT:-17077}"
state="${INN_SPARK_CLUSTER_DIR:-$home/inn-spark/target/cluster}"
lib="$home/inn-spark/target/lib"
inn_lib="$home/inn-bench/target/lib"

die() { echo "spark-cluster: $*" >&2; exit 1; }

java_for_spark() {
  # Spark 4.1 runs on Java 17 and 21 only: INN_SPARK_JAVA, else the newest such JDK (as ./inn spark does)
  if [[ -n "${INN_SPARK_JAVA:-}" ]]; then echo "$INN_SPARK_JAVA"; return; fi
  local candidate release
  for candidate in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V -r) $(command -v java || true); do
    release=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [[ "$release" == 21 || "$release" == 17 ]]; then echo "$candidate"; return; fi
  done
  die "needs a Java 17 or 21 runtime (Spark 4.1 supports no other); set INN_SPARK_JAVA"
}

# The cluster's Spark installation: a SPARK_HOME whose jars/ links Spark and its dependencies only.
# inn's own jars and the libraries only inn uses (those of inn-bench/target/lib) stay out, so the
# executors get inn the way they would on a real cluster: shipped by the driver. Guava's family and
# commons-math3 are Spark's dependencies as well as inn's, so they stay in.
make_spark_home() {
  [[ -d "$lib" && -d "$inn_lib" ]] || die "no $lib or $inn_lib; build first: mvn -B -o -DskipTests package -pl inn-spark -am"
  rm -rf "$state/spark-home"
  mkdir -p "$state/spark-home/jars" "$state/spark-home/conf"
  local jar name
  for jar in "$lib"/*.jar; do
    name=$(basename "$jar")
    if [[ "$name" == inn-* ]]; then continue; fi
    if [[ -e "$inn_lib/$name" ]] && ! [[ "$name" =~ ^(guava|failureaccess|listenablefuture|checker-qual|error_prone|j2objc|jakarta\.inject|commons-math3)- ]]; then
      continue
    fi
    ln -s "$jar" "$state/spark-home/jars/$name"
  done
  # daemons and executors log to their files at INFO level, warnings and up only
  cat > "$state/spark-home/conf/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
logger.master.name = org.apache.spark.deploy
logger.master.level = info
EOF
}

opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"

# Workers (and so their executors) run where STATE/driver-only is an empty private mount, when this
# machine allows mount namespaces (root): a folder the driver sees and the workers do not, as a
# driver's local disk is on a real cluster (for the test of a store the executors cannot read).
hide_prefix=()
driver_only() {
  mkdir -p "$state/driver-only"
  if unshare -m --propagation private true 2>/dev/null; then
    hide_prefix=(unshare -m --propagation private sh -c 'mount -t tmpfs -o size=1m tmpfs "$0" && exec "$@"'
      "$state/driver-only")
  else
    echo "spark-cluster: no mount namespaces here (not root?): workers see $state/driver-only too" >&2
  fi
}

# launch NAME CLASS ARGS...: one daemon JVM in the background, its pid in STATE/NAME.pid
launch() {
  local name="$1" main="$2"
  shift 2
  local prefix=()
  if [[ "$name" == worker-* ]]; then prefix=("${hide_prefix[@]}"); fi
  # SPARK_HOME tells a worker where the executors' jars are; SPARK_LOCAL_IP keeps every socket on loopback
  # shellcheck disable=SC2086
  SPARK_HOME="$state/spark-home" SPARK_CONF_DIR="$state/spark-home/conf" SPARK_LOCAL_IP=127.0.0.1 \
    SPARK_LOCAL_HOSTNAME=127.0.0.1 SPARK_SCALA_VERSION=2.13 \
    setsid "${prefix[@]}" "$java" $opens -Xmx256m -XX:+UseSerialGC "-Dinn.spark.cluster=$state" \
    -Dlog4j.configurationFile="$state/spark-home/conf/log4j2.properties" \
    -cp "$state/spark-home/conf:$state/spark-home/jars/*" "$main" "$@" \
    >"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
}

pid_of() { cat "$state/$1.pid" 2>/dev/null || true; }
alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# Processes whose working folder is inside STATE: the executors the workers started (each runs in
# STATE/work-I/APP/EXEC); found by id, never by name.
executors() {
  local d cwd
  for d in /proc/[0-9]*; do
    cwd=$(readlink "$d/cwd" 2>/dev/null || true)
    if [[ "$cwd" == "$state/"* ]]; then echo "${d#/proc/}"; fi
  done
}

# Workers registered ALIVE with the master, from its JSON page
alive_workers() {
  local json
  json=$( (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))" && printf 'GET /json/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 \
    && timeout 5 cat <&3) 2>/dev/null || true)
  grep -o '"state" *: *"ALIVE"' <<<"$json" | wc -l
}

start() {
  local workers="${1:-2}"
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "WORKERS must be a positive number, got '$workers'"
  if alive "$(pid_of master)"; then die "a cluster is already running from $state (stop it first)"; fi
  java=$(java_for_spark)
  mkdir -p "$state/logs"
  rm -f "$state"/*.pid
  make_spark_home
  launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$((port + 1))"
  driver_only
  local i
  for ((i = 1; i <= workers; i++)); do
    launch_worker "$i"
  done
  echo "spark://127.0.0.1:$port" >"$state/master-url"
  echo "$workers" >"$state/workers"
  # ready when every worker has registered with the master
  local t
  for ((t = 0; t < 180; t++)); do
    if [[ "$(alive_workers)" -ge "$workers" ]]; then
      echo "spark://127.0.0.1:$port"
      echo "spark-cluster: master and $workers worker(s) up after ${t}s (state and logs: $state)" >&2
      return 0
    fi
    for name in master $(for ((i = 1; i <= workers; i++)); do echo "worker-$i"; done); do
      if ! alive "$(pid_of "$name")"; then
        echo "spark-cluster: $name exited during start-up; its log ($state/logs/$name.log) ends:" >&2
        tail -n 15 "$state/logs/$name.log" >&2 || true
        stop >/dev/null 2>&1 || true
        exit 1
      fi
    done
    sleep 1
  done
  echo "spark-cluster: workers did not register within 180 s; see $state/logs" >&2
  stop >/dev/null 2>&1 || true
  exit 1
}

launch_worker() {
  local i="$1"
  mkdir -p "$state/work-$i"
  launch "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "$((port + 2 * i))" \
    --webui-port "$((port + 2 * i + 1))" --cores 1 --memory 1g --work-dir "$state/work-$i" \
    "spark://127.0.0.1:$port"
}

# restart-worker I: worker I again (after kill-worker), back when the master counts it alive
restart_worker() {
  local i="$1" before t
  alive "$(pid_of master)" || die "no master running from $state"
  if alive "$(pid_of "worker-$i")"; then die "worker $i is running"; fi
  java=$(java_for_spark)
  driver_only
  before=$(alive_workers)
  launch_worker "$i"
  for ((t = 0; t < 120; t++)); do
    if [[ "$(alive_workers)" -gt "$before" ]]; then
      echo "spark-cluster: worker $i up after ${t}s" >&2
      return 0
    fi
    alive "$(pid_of "worker-$i")" || die "worker $i exited; see $state/logs/worker-$i.log"
    sleep 1
  done
  die "worker $i did not register within 120 s; see $state/logs/worker-$i.log"
}

status() {
  [[ -f "$state/master-url" ]] || { echo "no cluster started from $state"; return 1; }
  echo "master: $(cat "$state/master-url") (web UI http://127.0.0.1:$((port + 1)))"
  local f name pid
  for f in "$state"/*.pid; do
    [[ -e "$f" ]] || continue
    name=$(basename "$f" .pid)
    pid=$(cat "$f")
    if alive "$pid"; then echo "$name: pid $pid running"; else echo "$name: pid $pid not running"; fi
  done
  echo "workers registered alive: $(alive_workers)"
  echo "executors: $(executors | tr '\n' ' ')"
}

kill_worker() {
  local pid
  pid=$(pid_of "worker-$1")
  alive "$pid" || die "worker $1 is not running"
  kill -KILL "$pid"
  echo "spark-cluster: worker $1 (pid $pid) killed" >&2
}

stop() {
  local f pid pids=() t
  # workers first (each ends its executors), then the master
  for f in "$state"/worker-*.pid "$state"/master.pid; do
    [[ -e "$f" ]] || continue
    pid=$(cat "$f")
    if alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); fi
  done
  for ((t = 0; t < 30; t++)); do
    local left=()
    for pid in "${pids[@]}" $(executors); do alive "$pid" && left+=("$pid"); done
    [[ ${#left[@]} -eq 0 ]] && break
    sleep 1
  done
  # whatever did not end in 30 s (or an executor orphaned by a killed worker) is killed, by id
  for pid in "${pids[@]}" $(executors); do
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  sleep 1
  local left=()
  for pid in "${pids[@]}" $(executors); do alive "$pid" && left+=("$pid"); done
  rm -f "$state"/*.pid
  if [[ ${#left[@]} -gt 0 ]]; then
    die "processes still running after stop: ${left[*]}"
  fi
  echo "spark-cluster: stopped; no process of the cluster is running" >&2
}

# spark-submit in client mode: SparkSubmit on the cluster's Spark jars; --driver-class-path goes onto
# the driver JVM's class path, as bin/spark-submit's launcher puts it there
submit() {
  [[ -d "$state/spark-home/jars" ]] || die "no cluster Spark in $state (start a cluster first)"
  java=$(java_for_spark)
  local cp="$state/spark-home/conf:$state/spark-home/jars/*" args=()
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == --driver-class-path ]]; then cp="$cp:$2"; shift 2; continue; fi
    args+=("$1")
    shift
  done
  # shellcheck disable=SC2086
  SPARK_HOME="$state/spark-home" SPARK_LOCAL_IP=127.0.0.1 exec "$java" $opens -XX:+UseParallelGC -cp "$cp" \
    org.apache.spark.deploy.SparkSubmit --conf spark.driver.host=127.0.0.1 "${args[@]}"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  kill-worker) kill_worker "${2:?which worker (1, 2, ...)}" ;;
  restart-worker) restart_worker "${2:?which worker (1, 2, ...)}" ;;
  submit) shift; submit "$@" ;;
  java) java_for_spark ;;
  *) echo "usage: $0 start [WORKERS] | status | kill-worker I | restart-worker I | stop | submit ARGS | java" >&2
     exit 2 ;;
esac

#!/usr/bin/env bash
# The Galera harness: a 3-node MariaDB Galera cluster on localhost (Debian's mariadb-server and galera-4), one
# packaged replica per node, the four tests of issue #20 (duplicate intake across nodes, claims + verdicts with
# the change feed read meanwhile, node SIGKILL during intake), then the same work test with all three replicas on
# one node (Galera with one writer, as behind a proxy). Prints the figures; tears everything down, also on failure.
#   bench/galera/run.sh [DIR]          # DIR defaults to target/galera
#   SHORT=1 bench/galera/run.sh        # the CI size (a few minutes)
# Ports: SQL 3311-3313, Galera 4567/4577/4587, IST 4568/4578/4588, SST 4444/4454/4464, HTTP 18331-18333.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=$(mkdir -p "${1:-target/galera}" && cd "${1:-target/galera}" && pwd)
HERE=bench/galera
APP=${APP:-target/quarkus-app}
if [ -n "${SHORT:-}" ]; then
  export EMAILS=${EMAILS:-400} LEADS=${LEADS:-400} KILL_LEADS=${KILL_LEADS:-900}
fi
ADMIN=galera-bench-admin-key-0123456789
export ADMIN_KEY=$ADMIN KEY_FILE="$DIR/api-key" RESULT_FILE="$DIR/results.jsonl"
: > "$RESULT_FILE"
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  "$HERE/cluster.sh" down "$DIR" || true
}
trap cleanup EXIT INT TERM

[ -f "$APP/quarkus-run.jar" ] && [ -z "${REBUILD:-}" ] || ./mvnw -B -q package -DskipTests

echo "== Galera cluster: 3 nodes on 3311-3313"
"$HERE/cluster.sh" up "$DIR"
mariadb -uroot -h127.0.0.1 -P3311 -e "create database leadhandoff character set utf8mb4 collate utf8mb4_unicode_ci"

# replica R (1-3) on node N: HTTP port 18330+R; the settings the README gives for Galera multi-writer
start_replica() {
  local r=$1 n=$2
  QUARKUS_HTTP_PORT=$((18330 + r)) QUARKUS_MANAGEMENT_PORT=$((19330 + r)) LEAD_HANDOFF_SECURITY_KEEP_BOOTSTRAP_KEY=true \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:$((3310 + n))/leadhandoff?rewriteBatchedStatements=true&sessionVariables=wsrep_sync_wait=1" \
  QUARKUS_DATASOURCE_USERNAME=root QUARKUS_DATASOURCE_PASSWORD= QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND=100000 \
  LEAD_HANDOFF_SECURITY_DEFAULT_BURST=100000 LEAD_HANDOFF_WORK_CLAIM_SPREAD=${CLAIM_SPREAD:-8} \
    java -Xmx256m -XX:+UseSerialGC -jar "$APP/quarkus-run.jar" >> "$DIR/replica-$r.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$DIR/replica-$r.pid"
}
await_ready() { # R N: a replica that exits while starting (its node too slow under load) is started again
  local r=$1 n=$2
  for _ in $(seq 1 360); do
    curl -sf "http://127.0.0.1:$((19330 + r))/q/health/ready" > /dev/null && return 0
    kill -0 "$(cat "$DIR/replica-$r.pid")" 2>/dev/null || { echo "replica $r exited while starting; starting it again"; start_replica "$r" "$n"; }
    sleep 0.5
  done
  echo "replica $r did not become ready; see $DIR/replica-$r.log" >&2; return 1
}
stop_replicas() {
  for r in 1 2 3; do [ -f "$DIR/replica-$r.pid" ] && kill "$(cat "$DIR/replica-$r.pid")" 2>/dev/null || true; done
  for r in 1 2 3; do [ -f "$DIR/replica-$r.pid" ] && while kill -0 "$(cat "$DIR/replica-$r.pid")" 2>/dev/null; do sleep 0.2; done; done
}
ALL="http://127.0.0.1:18331 http://127.0.0.1:18332 http://127.0.0.1:18333"

echo "== Three replicas, one per node (multi-writer)"
# the first replica migrates the schema alone; the others start on the migrated schema
start_replica 1 1; await_ready 1 1
start_replica 2 2; start_replica 3 3; await_ready 2 2; await_ready 3 3
python3 "$HERE/load.py" setup $ALL
python3 "$HERE/load.py" duplicates $ALL
python3 "$HERE/load.py" work $ALL
KILL_CMD="$HERE/cluster.sh kill $DIR 3" RESTART_CMD="$HERE/cluster.sh start $DIR 3" python3 "$HERE/load.py" kill $ALL
stop_replicas

echo "== Three replicas on node 1 (one writer, as behind a proxy): the same work test"
start_replica 1 1; start_replica 2 1; start_replica 3 1
await_ready 1 1; await_ready 2 1; await_ready 3 1
python3 "$HERE/load.py" work $ALL
stop_replicas

echo "== Figures"
python3 "$HERE/summary.py" "$RESULT_FILE"
echo "harness took ${SECONDS} s"

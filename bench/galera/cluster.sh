#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on localhost from Debian's packages (mariadb-server, galera-4), for the
# Galera harness. Usage: cluster.sh up DIR | down DIR | kill DIR N | start DIR N (rejoin) | status DIR
# Node N listens on SQL port 3310+N, Galera port 4557+10N, IST port 4558+10N, rsync SST port 4434+10N.
set -euo pipefail
PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
CMD=${1:?usage: cluster.sh up|down|kill|start|status DIR [N]}
DIR=$(mkdir -p "${2:?directory}" && cd "$2" && pwd)
ADDRESS="gcomm://127.0.0.1:4567,127.0.0.1:4577,127.0.0.1:4587"

sql_port() { echo $((3310 + $1)); }
sql() { local n=$1; shift; mariadb -uroot -h127.0.0.1 -P"$(sql_port "$n")" -N -B "$@"; }

start_node() { # N [--wsrep-new-cluster]
  local n=$1 d="$DIR/n$1"; shift
  local g=$((4557 + 10 * n)) ist=$((4558 + 10 * n)) sst=$((4434 + 10 * n))
  # the rsync SST daemon runs as nobody: a joiner's data directory must be writable by it
  [ $# -eq 0 ] && chown -R nobody:nogroup "$d/data"
  "$MARIADBD" --no-defaults --user=root --datadir="$d/data" --port="$(sql_port "$n")" --bind-address=127.0.0.1 \
    --socket="$d/mariadb.sock" --pid-file="$d/mariadb.pid" --log-error="$d/error.log" --skip-grant-tables \
    --innodb-buffer-pool-size=192M --innodb-log-file-size=64M --max-connections=300 --innodb-flush-log-at-trx-commit=2 \
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --wsrep-on=ON --wsrep-provider="$PROVIDER" --wsrep-cluster-name=lead-handoff-bench --wsrep-node-name="n$n" \
    --wsrep-cluster-address="$ADDRESS" --wsrep-node-address="127.0.0.1:$g" \
    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$ist;gcache.size=128M" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$sst" --wsrep-slave-threads=4 \
    "$@" > "$d/stdout.log" 2>&1 &
  echo $! > "$d/mariadbd.launch.pid"
}

await_synced() { # N [seconds]
  local n=$1 until=$(( $(date +%s) + ${2:-120} ))
  while [ "$(date +%s)" -lt "$until" ]; do
    [ "$(sql "$n" -e "show status like 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = Synced ] && return 0
    sleep 0.5
  done
  echo "node $n did not reach Synced; see $DIR/n$n/error.log" >&2; return 1
}

node_pid() { cat "$DIR/n$1/mariadb.pid" 2>/dev/null || cat "$DIR/n$1/mariadbd.launch.pid" 2>/dev/null || true; }

case "$CMD" in
  up)
    for n in 1 2 3; do
      rm -rf "$DIR/n$n"; mkdir -p "$DIR/n$n/data"
    done
    mariadb-install-db --no-defaults --datadir="$DIR/n1/data" --user=root --skip-test-db \
      --auth-root-authentication-method=normal > "$DIR/n1/install.log" 2>&1
    start_node 1 --wsrep-new-cluster; await_synced 1
    start_node 2; await_synced 2
    start_node 3; await_synced 3
    echo "cluster size $(sql 1 -e "show status like 'wsrep_cluster_size'" | cut -f2)" ;;
  down)
    for n in 1 2 3; do p=$(node_pid "$n"); [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done ;;
  kill) p=$(node_pid "$3"); kill -9 "$p"; rm -f "$DIR/n$3/mariadb.pid" ;;
  start) rm -f "$DIR/n$3/mariadb.pid"; start_node "$3"; await_synced "$3" 180 ;;
  status) for n in 1 2 3; do echo "n$n $(sql "$n" -e "show status like 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)"; done ;;
esac

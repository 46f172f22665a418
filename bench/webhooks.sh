#!/usr/bin/env bash
# Outbound webhooks: intake throughput with 0 and with 5 subscriptions (the write path must not notice them), and the
# delivery lag (event happened -> receiver got it) at that intake rate with a fast receiver. Needs the packaged jar
# (./mvnw package -DskipTests), wrk, python3, a MariaDB/MySQL on 127.0.0.1:3306.
#   bench/webhooks.sh                  # 30 s per run after a 20 s warm-up
#   DURATION=10s bench/webhooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
DB=${DB:-lh_bench_webhooks}
PORT=${PORT:-8080}
RECEIVER_PORT=${RECEIVER_PORT:-$((PORT + 1))}
MGMT_PORT=${MGMT_PORT:-$((PORT + 1000))}
CONNECTIONS=${CONNECTIONS:-16}
ADMIN=bench-admin-key-0123456789abcdef
BASE=http://127.0.0.1:$PORT
MGMT=http://127.0.0.1:$MGMT_PORT
export QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT LEAD_HANDOFF_SECURITY_KEEP_BOOTSTRAP_KEY=true
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$DB?rewriteBatchedStatements=true"
export QUARKUS_DATASOURCE_USERNAME=${DB_USER:-root} QUARKUS_DATASOURCE_PASSWORD=${DB_PASSWORD:-}
export LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN
export LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND=100000 LEAD_HANDOFF_SECURITY_DEFAULT_BURST=100000
export LEAD_HANDOFF_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1
export QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
sql() { mariadb -u"${DB_USER:-root}" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -N -B "$@"; }
num() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }

sql -e "drop database if exists $DB; create database $DB character set utf8mb4"
RECEIVED=target/bench-webhooks-received.txt
: > "$RECEIVED"
python3 bench/webhook-receiver.py "$RECEIVER_PORT" "$RECEIVED" &
RECEIVER_PID=$!
java -Xmx256m -jar target/quarkus-app/quarkus-run.jar > target/bench-webhooks-app.log 2>&1 &
APP_PID=$!
trap 'kill $APP_PID $RECEIVER_PID 2>/dev/null || true' EXIT
until curl -sf "$MGMT/q/health/ready" > /dev/null; do sleep 0.2; done
export LH_API_KEY=$(curl -sf -X POST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["leads:write"]}' | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')

warm() { # [delay ms]: the same load, unmeasured, so that the JIT has compiled what the run will use
  LH_DELAY_MS=${1:-0} wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/single-lead.lua "$BASE" > /dev/null 2>&1 || true
}

run() { # name [delay ms between a connection's requests: an open, steady rate; none: as fast as it goes]
  LH_DELAY_MS=${2:-0} wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/single-lead.lua "$BASE" > "target/bench-webhooks-$1.txt" 2>&1
  local r; r=$(grep RESULT "target/bench-webhooks-$1.txt")
  echo "$1: $(echo "$(echo "$r" | num requests) * 1000000 / $(echo "$r" | num duration_us)" | bc) leads/s, p99 $(echo "$r" | num p99_ms) ms, non-2xx $(echo "$r" | num non2xx), errors $(echo "$r" | num errors)"
}

# the receiver has had everything of the last run: nothing more arrives for 3 s (at most 2 min), so that events
# delivered late count in the lag instead of being left out
settle() {
  local last=-1 quiet=0 now
  for _ in $(seq 1 240); do
    now=$(wc -l < "$RECEIVED")
    if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; fi
    [ "$quiet" -ge 6 ] && break
    last=$now; sleep 0.5
  done
}

lag() { # name
  settle
  python3 - "$1" "$RECEIVED" <<'PY'
import sys
# The event's time: the body's timestamp is in whole seconds (the service's clock), so the lag is taken from the
# millisecond time in the event's ULID (webhook-id = msg_<event id>_<subscription>), made as the event was.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
def ulid_seconds(ulid):
    n = 0
    for c in ulid[:10]:
        n = n * 32 + CROCKFORD.index(c)
    return n / 1000.0
rows = [line.split() for line in open(sys.argv[2]) if len(line.split()) == 3]
lags = sorted(float(r) - ulid_seconds(i.split("_")[1]) for i, r, _ in rows)
if lags:
    pick = lambda p: lags[min(len(lags) - 1, int(p * len(lags)))]
    print(f"{sys.argv[1]}: delivery lag over {len(lags)} deliveries ({len(set(i for i, _, _ in rows))} distinct webhook-ids): "
          f"p50 {pick(0.5):.2f} s, p99 {pick(0.99):.2f} s, max {lags[-1]:.2f} s")
PY
}

# A steady open rate (each of the connections pauses STEADY_DELAY_MS between requests; 160 ms with 16 connections is
# about 100 leads/s, 1,000 deliveries/s to 5 subscriptions) and the most the service takes (closed loop).
STEADY_DELAY_MS=${STEADY_DELAY_MS:-160}
warm; run "0-subscriptions-max"
warm "$STEADY_DELAY_MS"; run "0-subscriptions-steady" "$STEADY_DELAY_MS"
for i in 1 2 3 4 5; do
  curl -sf -X POST "$BASE/api/v1/webhooks" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook-$i\",\"eventTypes\":[\"lead.created\",\"lead.routed\",\"lead.assigned\"]}" > /dev/null
done
# each measured run starts after its warm-up has been delivered: the lag is the run's own
warm "$STEADY_DELAY_MS"; settle; : > "$RECEIVED"
run "5-subscriptions-steady" "$STEADY_DELAY_MS"
lag "5-subscriptions-steady"
warm; settle; : > "$RECEIVED"
run "5-subscriptions-max"
lag "5-subscriptions-max"

#!/usr/bin/env bash
# Reports on a busy day: LEADS leads received today (bench/fill-leads.sql), leads changing all the time (PULLERS
# pullers, default 16, claiming and sending bulk verdicts, bench/claims.lua) and a lead-quality report read every second with
# max-staleness 1 s, so every read refreshes the aggregates first. Prints the report latencies and, where the
# service has it, the refresh timer (leadhandoff_report_refresh_seconds by mode).
#   bench/report-refresh.sh                       # the packaged service, 130,000 leads, 60 s
#   JAR=other/quarkus-run.jar bench/report-refresh.sh  # another build, for a before/after in one sitting
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
LEADS=${LEADS:-130000}
DURATION=${DURATION:-60}
PULLERS=${PULLERS:-16}
DB=${DB:-lh_bench_refresh}
PORT=${PORT:-8080}
DB_USER=${DB_USER:-root}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
ADMIN=bench-admin-key-0123456789abcdef
BASE=http://127.0.0.1:$PORT
MGMT=http://127.0.0.1:$((PORT + 1000))
export QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$DB?rewriteBatchedStatements=true"
export QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=${DB_PASSWORD:-}
export LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN LEAD_HANDOFF_SECURITY_KEEP_BOOTSTRAP_KEY=true
export LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND=100000 LEAD_HANDOFF_SECURITY_DEFAULT_BURST=100000
export LEAD_HANDOFF_REPORTS_MAX_STALENESS=PT1S
sql() { mariadb -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -N -B "$@"; }

[ -f "$JAR" ] || ./mvnw -q package -DskipTests
sql -e "drop database if exists $DB; create database $DB character set utf8mb4"
APP_PID=
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true' EXIT
java $JAVA_OPTS -jar "$JAR" > target/bench-refresh-app.log 2>&1 &
APP_PID=$!
until curl -sf "$MGMT/q/health/ready" > /dev/null; do sleep 0.2; done

echo "== $LEADS leads received today"
for ((lo = 0; lo < LEADS; lo += 100000)); do
  hi=$(( lo + 100000 < LEADS ? lo + 100000 : LEADS ))
  (echo "set @lo = $lo, @hi = $hi, @start = timestamp(utc_date()), @span = 86400;"; cat bench/fill-leads.sql) | sql "$DB"
done
# the import assigns every lead to a rep; the pullers take the unassigned ones of queue inbound
sql "$DB" -e "update lead set owner_rep_id = null where queue_id = 'inbound' and status = 'QUEUED'"
KEY=$(curl -sf -X POST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["admin"],"ratePerSecond":100000,"burst":100000}' | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
export LH_API_KEY=$KEY LH_QUEUE=inbound
H="Authorization: Bearer $KEY"
curl -s -o /dev/null -X POST "$BASE/api/v1/queues" -H "$H" -H 'Content-Type: application/json' -d '{"id":"inbound","name":"inbound","leaseSeconds":600}'
for r in 1 2; do curl -sf -o /dev/null -X PUT "$BASE/api/v1/queues/inbound/members/bench-rep-$r" -H "$H" -H 'Content-Type: application/json' -d '{}'; done
report() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$H" "$BASE/api/v1/reports/lead-quality?groupBy=source"; }
echo "== first build of the aggregates (the first report after the import)"
# the import wrote no events: have the background job build the aggregates from all leads now there, and wait
sql "$DB" -e "update report_rollup_state set built = false"
first=$(report)
until sql "$DB" -e "select built from report_rollup_state" | grep -q 1; do sleep 1; done
echo "built; a report now takes $(report) s"

echo "== $DURATION s: $PULLERS pullers claiming and judging, a report every second"
wrk -t2 -c"$PULLERS" -d"${DURATION}s" --timeout 10s -s bench/claims.lua "$BASE" > target/bench-refresh-claims.txt 2>&1 &
WRK=$!
times=()
end=$(( $(date +%s) + DURATION ))
while [ "$(date +%s)" -lt "$end" ]; do
  t0=$(date +%s.%N)
  times+=("$(report)")
  sleep "$(echo "x = 1 - ($(date +%s.%N) - $t0); if (x > 0) x else 0" | bc -l)"
done
wait "$WRK"
judged=$(sql "$DB" -e "select count(*) from lead_event where type = 'lead.feedback'")
sorted=$(printf '%s\n' "${times[@]}" | cut -d' ' -f2 | sort -n)
failed=$(printf '%s\n' "${times[@]}" | grep -vc '^200 ' || true)
n=${#times[@]}
echo
echo "leads judged during the run: $judged ($(grep RESULT target/bench-refresh-claims.txt || true))"
echo "reports read: $n, of which not 200: $failed; latency p50 $(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p") s, p90 $(echo "$sorted" | sed -n "$(( (n * 9 + 9) / 10 ))p") s, max $(echo "$sorted" | tail -1) s (first report after the import: $first s)"
curl -sf "$MGMT/q/metrics" | grep '^leadhandoff_report_refresh_seconds' | grep -v '_bucket' || echo "(this build has no refresh timer)"

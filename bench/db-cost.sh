#!/usr/bin/env bash
# The database's cost per lead, counted rather than timed: row changes and index entries written per new lead
# (single intake) and per lead claimed and judged (claims with bulk verdicts), from MariaDB's user statistics
# (information_schema.TABLE_STATISTICS / INDEX_STATISTICS; needs userstat=1, which this script sets globally).
# Counts do not depend on how busy the machine is, so a before/after comparison holds on a shared box.
#   PORT=8080 DB=lh_bench_cost bench/db-cost.sh          # needs the packaged jar (./mvnw package -DskipTests)
#   DURATION=10s                                         # each measured phase
# Also prints the CPU the service and mariadbd spent per lead in each phase (from /proc; the settle pause after each
# phase, 3 s of background jobs, is in it). Prints one table per phase: per table, rows read / changed / index entries changed per lead, then the
# secondary indexes read during the phase (an index never read by any phase is a candidate to drop).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
DB=${DB:-lh_bench_cost}
PORT=${PORT:-8080}
MGMT_PORT=${MGMT_PORT:-$((PORT + 1000))}
DB_USER=${DB_USER:-root}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:+UseSerialGC -Xss512k}
ADMIN=bench-admin-key-0123456789abcdef
BASE=http://127.0.0.1:$PORT
export QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$DB?rewriteBatchedStatements=true"
export QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=${DB_PASSWORD:-}
export LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN LEAD_HANDOFF_SECURITY_KEEP_BOOTSTRAP_KEY=true
export LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND=100000 LEAD_HANDOFF_SECURITY_DEFAULT_BURST=100000
export QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
sql() { mariadb -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -N -B "$@"; }

APP_JAR=${APP_JAR:-target/quarkus-app/quarkus-run.jar} # another build's jar to compare
[ -f "$APP_JAR" ] || ./mvnw -q package -DskipTests
sql -e "set global userstat = 1; drop database if exists $DB; create database $DB character set utf8mb4"
APP_PID=
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true' EXIT
java $JAVA_OPTS -jar "$APP_JAR" > target/bench-db-cost.log 2>&1 &
APP_PID=$!
until curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" > /dev/null; do sleep 0.1; done

KEY=$(curl -sf -X POST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["admin"],"ratePerSecond":100000,"burst":100000}' | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
export LH_API_KEY=$KEY
H="Authorization: Bearer $KEY"
queue=bench-claims
curl -sf -X POST "$BASE/api/v1/queues" -H "$H" -H 'Content-Type: application/json' -d "{\"id\":\"$queue\",\"name\":\"bench\",\"leaseSeconds\":600}" > /dev/null
for r in 1 2; do curl -sf -X PUT "$BASE/api/v1/queues/$queue/members/bench-rep-$r" -H "$H" -H 'Content-Type: application/json' -d '{}' > /dev/null; done
curl -sf -X PUT "$BASE/api/v1/routing/rules" -H "$H" -H 'Content-Type: application/json' -d "{\"defaultQueueId\":\"$queue\",\"rules\":[]}" > /dev/null

# the statistics are cumulative and server-wide: snapshot this database's rows, diff after each phase
snapshot() {
  sql -e "select table_name, rows_read, rows_changed, rows_changed_x_indexes from information_schema.table_statistics
          where table_schema = '$DB'" > "target/db-cost-$1.tables"
  sql -e "select table_name, index_name, rows_read from information_schema.index_statistics
          where table_schema = '$DB'" > "target/db-cost-$1.indexes"
}
# CPU time (clock ticks) of the service (all its threads, JIT included) and of mariadbd, as bench/run.sh reads it
app_ticks() { awk '{print $14 + $15}' /proc/"$APP_PID"/stat; }
db_ticks() { for p in $(pidof mariadbd mysqld || true); do awk '{print $14 + $15}' /proc/"$p"/stat; done | awk '{s += $1} END {print s + 0}'; }
HZ=$(getconf CLK_TCK)
cpu_per_lead() { # phase app-ticks-at-start db-ticks-at-start leads (mariadbd serves every database on the server: an upper bound)
  echo "  CPU per lead: service $(echo "scale=2; ($(app_ticks) - $2) * 1000 / $HZ / $4" | bc) ms, mariadbd $(echo "scale=2; ($(db_ticks) - $3) * 1000 / $HZ / $4" | bc) ms" \
    > "target/db-cost-$1.cpu"
}
settle() { sleep 3; } # the sequencer runs every second: let it give the phase's events their positions
events() { sql "$DB" -e "select count(*) from lead_event where type = '$1'"; }
report() { # phase leads
  echo "== $1: $2 leads; per lead: rows read, rows changed, index entries changed"
  join -a2 -e0 -o '0,1.2,1.3,1.4,2.2,2.3,2.4' <(sort "target/db-cost-$1-0.tables") <(sort "target/db-cost-$1-1.tables") \
    | awk -v n="$2" '{ r = ($5 - $2) / n; c = ($6 - $3) / n; x = ($7 - $4) / n; if (r + c + x >= 0.01) {
        printf "  %-28s %8.2f %8.2f %8.2f\n", $1, r, c, x; tr += r; tc += c; tx += x } }
        END { printf "  %-28s %8.2f %8.2f %8.2f\n", "total", tr, tc, tx }'
  cat "target/db-cost-$1.cpu"
  echo "  indexes read (rows read per lead):"
  join -a2 -e0 -o '0,1.2,2.2' <(awk '{print $1"."$2, $3}' "target/db-cost-$1-0.indexes" | sort) \
    <(awk '{print $1"."$2, $3}' "target/db-cost-$1-1.indexes" | sort) \
    | awk -v n="$2" '{ d = ($3 - $2) / n; if (d > 0) printf "    %-44s %8.2f\n", $1, d }'
}

# warm up the code paths (not measured): a few seconds of each
wrk -t2 -c8 -d5s -s bench/single-lead.lua "$BASE" > /dev/null 2>&1 || true
settle

before=$(sql "$DB" -e "select count(*) from lead")
snapshot intake-0
a0=$(app_ticks); d0=$(db_ticks)
wrk -t2 -c8 -d"$DURATION" -s bench/single-lead.lua "$BASE" > target/db-cost-intake.txt 2>&1
settle
intake=$(( $(sql "$DB" -e "select count(*) from lead") - before ))
cpu_per_lead intake "$a0" "$d0" "$intake"
snapshot intake-1

# pre-fill the queue so the pullers never run dry, then claim and judge
wrk -t2 -c4 -d10s -s bench/batch-leads.lua "$BASE" > /dev/null 2>&1 || true
settle
export LH_QUEUE=$queue
wrk -t2 -c8 -d5s -s bench/claims.lua "$BASE" > /dev/null 2>&1 || true
settle
judged0=$(events lead.feedback)
snapshot claims-0
a0=$(app_ticks); d0=$(db_ticks)
wrk -t2 -c8 -d"$DURATION" -s bench/claims.lua "$BASE" > target/db-cost-claims.txt 2>&1
settle
judged=$(( $(events lead.feedback) - judged0 ))
cpu_per_lead claims "$a0" "$d0" "$judged"
snapshot claims-1

report intake "$intake"
report claims "$judged"
echo "== indexes on lead (name: columns)"
sql -e "select index_name, group_concat(column_name order by seq_in_index) from information_schema.statistics
        where table_schema = '$DB' and table_name = 'lead' group by index_name order by index_name" | sed 's/^/  /'

#!/usr/bin/env bash
# One command: build the packaged service and the naive peer (bench/naive-peer), start each on a fresh
# MariaDB/MySQL database with the same JVM options, measure the baselines (mariadb-slap, the naive peer) and
# every scenario, print the table with same-run ratios. Needs wrk, mariadb-slap (ships with MariaDB), curl, bc.
#   bench/run.sh                 # 30 s per scenario after a 30 s warm-up
#   DURATION=10s bench/run.sh    # quicker
#   WARMUP=60s bench/run.sh      # each scenario's warm-up (30 s by default, for the service and the naive peer alike)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-30s}
DB=${DB:-lh_bench_run}
PORT=${PORT:-8080}
NAIVE_PORT=${NAIVE_PORT:-$((PORT + 1))}
NAIVE_DB=${NAIVE_DB:-${DB}_naive}
DB_USER=${DB_USER:-root}
# The JVM as the container runs it: heap capped (the k8s manifests use MaxRAMPercentage on the pod limit),
# two malloc arenas (glibc's default of 8 per core mostly holds freed memory of busy threads).
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:+UseSerialGC -Xss512k}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
CDS=target/bench-app.jsa
ADMIN=bench-admin-key-0123456789abcdef
BASE=http://127.0.0.1:$PORT
MGMT_PORT=${MGMT_PORT:-$((PORT + 1000))}
MGMT=http://127.0.0.1:$MGMT_PORT
export QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$DB?rewriteBatchedStatements=true"
export QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=${DB_PASSWORD:-}
# the harness mints its own admin key and may run again on the same database: keep the bootstrap key
export LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN LEAD_HANDOFF_SECURITY_KEEP_BOOTSTRAP_KEY=true
# keys may not exceed the rate of the key that creates them: the bench key needs the bootstrap key unlimited
export LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND=100000 LEAD_HANDOFF_SECURITY_DEFAULT_BURST=100000
export QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
sql() { mariadb -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -N -B "$@"; }
num() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }

[ -f target/quarkus-app/quarkus-run.jar ] && [ -z "${REBUILD:-}" ] || ./mvnw -q package -DskipTests
NAIVE_JAR=bench/naive-peer/target/quarkus-app/quarkus-run.jar
[ -f "$NAIVE_JAR" ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -f bench/naive-peer/pom.xml package -DskipTests
sql -e "drop database if exists $DB; create database $DB character set utf8mb4"
sql -e "drop database if exists $NAIVE_DB; create database $NAIVE_DB character set utf8mb4"
APP_PID=
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true' EXIT
start_jar() { # jar health-base-url log [extra JVM options]; sets APP_PID and STARTUP (seconds to ready)
  local jar=$1 base=$2 log=$3 t0; shift 3
  t0=$(date +%s.%N)
  java $JAVA_OPTS "$@" -jar "$jar" > "$log" 2>&1 &
  APP_PID=$!
  until curl -sf "$base/q/health/ready" > /dev/null; do sleep 0.05; done
  STARTUP=$(echo "$(date +%s.%N) - $t0" | bc)
}
start_app() { start_jar target/quarkus-app/quarkus-run.jar "$MGMT" target/bench-app.log "$@"; }
start_naive() {
  QUARKUS_HTTP_PORT=$NAIVE_PORT QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$NAIVE_DB" \
    start_jar "$NAIVE_JAR" "http://127.0.0.1:$NAIVE_PORT" target/bench-naive.log
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }
median() { sort -n | sed -n 2p; } # of three
rate_of() { echo "$(echo "$1" | num requests) * 1000000 / $(echo "$1" | num duration_us)" | bc; }
rss() { echo $(( $(ps -o rss= -p "$APP_PID") / 1024 )); }
# CPU time (clock ticks) of the service's JIT compiler threads, of its other threads, and of mariadbd
jit_ticks() {
  for t in /proc/"$APP_PID"/task/*; do
    if grep -q '^C[12] Compiler\|^Sweeper' "$t/comm" 2>/dev/null; then awk '{print $14 + $15}' "$t/stat" 2>/dev/null || true; fi
  done | awk '{s += $1} END {print s + 0}'
}
all_ticks() { awk '{print $14 + $15}' /proc/"$APP_PID"/stat; }
db_ticks() { for p in $(pidof mariadbd mysqld || true); do awk '{print $14 + $15}' /proc/"$p"/stat; done | awk '{s += $1} END {print s + 0}'; }
HZ=$(getconf CLK_TCK)
wrk_run() { # name connections script [base url]; prints wrk's RESULT line with the CPU milliseconds spent meanwhile
  local name=$1 c=$2 script=$3 base=${4:-$BASE} j0 a0 d0
  # the JIT compiles Hibernate, Connector/J and Vert.x for a minute or more: measure after it has mostly settled
  wrk -t2 -c"$c" -d"$WARMUP" -s "$script" "$base" > /dev/null 2>&1 || true
  j0=$(jit_ticks); a0=$(all_ticks); d0=$(db_ticks)
  wrk -t2 -c"$c" -d"$DURATION" --timeout 10s -s "$script" "$base" > "target/bench-$name.txt" 2>&1
  echo "$(grep RESULT "target/bench-$name.txt") $(cpu_since "$j0" "$a0" "$d0")"
}
cpu_since() { # jit all db (ticks at the start) -> the CPU milliseconds since then, as RESULT fields
  local j a d
  j=$(jit_ticks); a=$(all_ticks); d=$(db_ticks)
  echo "jit_cpu_ms=$(( (j - $1) * 1000 / HZ )) app_cpu_ms=$(( (a - $2 - j + $1) * 1000 / HZ )) db_cpu_ms=$(( (d - $3) * 1000 / HZ ))"
}

echo "== naive peer: start-up (three starts), single intake c=32, RSS"
naive_startups=$(for i in 1 2 3; do start_naive; echo "$STARTUP"; stop_app; done)
naive_startup=$(echo "$naive_startups" | median)
start_naive
naive=$(wrk_run naive 32 bench/single-lead.lua "http://127.0.0.1:$NAIVE_PORT"); rss_naive=$(rss)
naive_rate=$(rate_of "$naive")
stop_app

# 1. empty database: Liquibase creates the schema
start_app; startup_fresh=$STARTUP; stop_app
# 2. restarts on the migrated database (what a new replica costs), plain JVM, three of them
startups=$(for i in 1 2 3; do start_app; echo "$STARTUP"; stop_app; done)
startup=$(echo "$startups" | median)
# 3. the same with the class-data archive recorded as the image records it (src/main/docker/Dockerfile.jvm): no
#    database, every start-up step but the schema, exit
rm -f "$CDS"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:1/none" java $JAVA_OPTS -Dquarkus.appcds.generate=true -Xlog:cds=off \
  -XX:ArchiveClassesAtExit="$CDS" -jar target/quarkus-app/quarkus-run.jar > target/bench-cds.log 2>&1
startups_cds=$(for i in 1 2 3; do start_app -XX:SharedArchiveFile="$CDS"; echo "$STARTUP"; stop_app; done)
startup_cds=$(echo "$startups_cds" | median)
# the load runs on a plain JVM: the mapped archive (~70 MiB) would count in its RSS
start_app

KEY=$(curl -sf -X POST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["admin"],"ratePerSecond":100000,"burst":100000}' | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
export LH_API_KEY=$KEY
H="Authorization: Bearer $KEY"


echo "== baselines"
slap=$(mariadb-slap -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} --concurrency=32 --iterations=1 --number-of-queries=32000 \
  --create-schema=lh_slap --create="create table t (id bigint auto_increment primary key, a int, b varchar(255)) engine=innodb" \
  --query="insert into t (a, b) values (1, repeat('x', 200))" --commit=1 2>&1 \
  | sed -n 's/.*Average number of seconds to run all queries: \([0-9.]*\).*/\1/p')
slap_rate=$(echo "32000 / $slap" | bc)
sql -e "drop database if exists lh_slap"
wrk -t2 -c32 -d5s "$MGMT/q/health/live" > /dev/null 2>&1 || true
health=$(wrk -t2 -c32 -d"$DURATION" -s bench/common.lua "$MGMT/q/health/live" 2>&1 | grep RESULT)
health_rate=$(echo "$(echo "$health" | num requests) * 1000000 / $(echo "$health" | num duration_us)" | bc)


echo "== single intake"
single=$(wrk_run single 32 bench/single-lead.lua); rss_single=$(rss)
single_rate=$(rate_of "$single")

echo "== single intake at half the maximum rate (8 connections, paced)"
export LH_DELAY_MS=$(( 8 * 1000 * 2 / (single_rate > 0 ? single_rate : 1) ))
half=$(wrk_run half 8 bench/single-lead.lua)
unset LH_DELAY_MS
half_rate=$(rate_of "$half")

echo "== batch intake"
batch=$(wrk_run batch 4 bench/batch-leads.lua); rss_batch=$(rss)
batch_rate=$(echo "$(echo "$batch" | num requests) * 500 * 1000000 / $(echo "$batch" | num duration_us)" | bc)

echo "== claims"
queue=bench-claims
curl -sf -X POST "$BASE/api/v1/queues" -H "$H" -H 'Content-Type: application/json' -d "{\"id\":\"$queue\",\"name\":\"bench\",\"leaseSeconds\":600}" > /dev/null
for r in 1 2; do curl -sf -X PUT "$BASE/api/v1/queues/$queue/members/bench-rep-$r" -H "$H" -H 'Content-Type: application/json' -d '{}' > /dev/null; done
curl -sf -X PUT "$BASE/api/v1/routing/rules" -H "$H" -H 'Content-Type: application/json' -d "{\"defaultQueueId\":\"$queue\",\"rules\":[]}" > /dev/null
# pre-fill the queue: more leads than 16 pullers can take in the run
wrk -t2 -c4 -d40s -s bench/batch-leads.lua "$BASE" > /dev/null 2>&1
ready_before=$(sql "$DB" -e "select count(*) from lead where queue_id = '$queue' and status = 'QUEUED'")
events() { sql "$DB" -e "select count(*) from lead_event where type = '$1'"; }
export LH_QUEUE=$queue
wrk -t2 -c16 -d"$WARMUP" -s bench/claims.lua "$BASE" > /dev/null 2>&1 || true
claims_start=$(events lead.claimed); verdicts_start=$(events lead.feedback)
j0=$(jit_ticks); a0=$(all_ticks); d0=$(db_ticks)
wrk -t2 -c16 -d"$DURATION" --timeout 10s -s bench/claims.lua "$BASE" > target/bench-claims.txt 2>&1
claims="$(grep RESULT target/bench-claims.txt) $(cpu_since "$j0" "$a0" "$d0")"; rss_claims=$(rss)
claimed=$(( $(events lead.claimed) - claims_start )); judged=$(( $(events lead.feedback) - verdicts_start ))
seconds=$(echo "$(echo "$claims" | num duration_us) / 1000000" | bc -l)
# a lead counts once it was claimed and judged: claims whose verdicts the run's end cut off do not
claim_rate=$(echo "$judged / $seconds" | bc)
duplicates=$(sql "$DB" -e "select count(*) from (select lead_id from lead_event where type = 'lead.claimed' group by lead_id having count(*) > 1) x")

echo "== mixed"
wrk -t1 -c8 -d"$DURATION" -s bench/single-lead.lua "$BASE" > target/bench-mixed-intake.txt 2>&1 &
MIXED_INTAKE=$!
wrk -t1 -c8 -d"$DURATION" -s bench/claims.lua "$BASE" > target/bench-mixed-claims.txt 2>&1 &
MIXED_CLAIMS=$!
reports=0; end=$(( $(date +%s) + ${DURATION%s} ))
while [ "$(date +%s)" -lt "$end" ]; do
  curl -sf -o /dev/null -H "$H" "$BASE/api/v1/reports/lead-quality?groupBy=source" && reports=$((reports + 1))
done
rss_mixed=$(rss)
wait "$MIXED_INTAKE" "$MIXED_CLAIMS"
mixed_intake=$(grep RESULT target/bench-mixed-intake.txt); mixed_claims=$(grep RESULT target/bench-mixed-claims.txt)

pct() { echo "scale=1; 100 * $1 / $2" | bc; }
times() { echo "scale=2; $1 / $2" | bc; }
echo
echo "| scenario | rate | p50 ms | p99 ms | p99.9 ms | errors | vs mariadb-slap ($slap_rate inserts/s) | vs naive peer ($naive_rate leads/s) | CPU ms per lead: service + its JIT / database |"
echo "|---|---|---|---|---|---|---|---|---|"
per() { [ -n "$1" ] && [ "$2" -gt 0 ] && echo "scale=2; $1 / $2" | bc || echo "—"; }
row() { # name rate unit result [leads measured]
  local leads=${5:-$(echo "$4" | num requests)}
  echo "| $1 | $2 $3 | $(echo "$4" | num p50_ms) | $(echo "$4" | num p99_ms) | $(echo "$4" | num p999_ms) | $(( $(echo "$4" | num non2xx) + $(echo "$4" | num errors) )) | $(times "$2" "$slap_rate") | $(times "$2" "$naive_rate") |" \
    "$(per "$(echo "$4" | num app_cpu_ms)" "$leads") + $(per "$(echo "$4" | num jit_cpu_ms)" "$leads") / $(per "$(echo "$4" | num db_cpu_ms)" "$leads") |"
}
row "naive peer: single intake, c=32" "$naive_rate" "leads/s" "$naive"
row "single intake, c=32" "$single_rate" "leads/s" "$single"
row "single intake at about half that rate (paced, c=8)" "$half_rate" "leads/s" "$half"
row "batch intake (500/request), c=4" "$batch_rate" "leads/s" "$batch" "$(( $(echo "$batch" | num requests) * 500 ))"
row "claims + bulk feedback, 16 pullers" "$claim_rate" "leads/s" "$claims" "$judged"
row "mixed: intake c=8" "$(rate_of "$mixed_intake")" "leads/s" "$mixed_intake"
row "mixed: claims c=8" "$(rate_of "$mixed_claims")" "req/s" "$mixed_claims"
echo
echo "baselines: /q/health/live $health_rate req/s"
echo "claims: $claimed leads claimed and $judged judged from $ready_before ready, duplicates: $duplicates; mixed: $reports lead-quality reports read"
echo "RSS under load: naive peer $rss_naive MiB; single $rss_single MiB, batch $rss_batch MiB, claims $rss_claims MiB, mixed $rss_mixed MiB"
echo "start-up to ready (median of three): naive peer $naive_startup s ($(echo $naive_startups)); service on a migrated database $startup s ($(echo $startups)), $startup_cds s with the class-data archive ($(echo $startups_cds)), $startup_fresh s creating the schema"
echo "JVM options (both): $JAVA_OPTS; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
echo
echo "targets (issue 27, ratios of this run; reported, never asserted):"
verdict() { if [ "$(echo "$1" | bc)" = 1 ]; then echo "met"; else echo "missed"; fi; }
half_p99=$(echo "$half" | num p99_ms)
rss_max=$(printf '%s\n' "$rss_single" "$rss_batch" "$rss_claims" "$rss_mixed" | sort -n | tail -1)
echo "- single intake >= 0.5 x naive peer: $(times "$single_rate" "$naive_rate") x — $(verdict "$single_rate * 2 >= $naive_rate")"
echo "- p99 <= 50 ms at half that rate: $half_p99 ms — $(verdict "$half_p99 <= 50")"
echo "- batch intake >= 0.5 x mariadb-slap: $(times "$batch_rate" "$slap_rate") x — $(verdict "$batch_rate * 2 >= $slap_rate")"
if [ -n "${CLAIMS_BEFORE:-}" ]; then # leads claimed and judged per second of the build before, measured the same way
  echo "- claims + bulk verdicts >= 2 x before ($CLAIMS_BEFORE leads/s), 0 duplicates: $(times "$claim_rate" "$CLAIMS_BEFORE") x, $duplicates duplicates — $(verdict "$claim_rate >= 2 * $CLAIMS_BEFORE && $duplicates == 0")"
else
  echo "- claims + bulk verdicts >= 2 x before: $claim_rate leads/s, $duplicates duplicates (set CLAIMS_BEFORE to the earlier build's rate for the ratio)"
fi
echo "- RSS under load <= 1.5 x naive peer: at most $rss_max MiB, $(times "$rss_max" "$rss_naive") x — $(verdict "$rss_max * 2 <= $rss_naive * 3")"
echo "- start-up <= 1.5 x naive peer: $(times "$startup" "$naive_startup") x plain, $(times "$startup_cds" "$naive_startup") x with the archive — $(verdict "$startup_cds * 2 <= $naive_startup * 3")"

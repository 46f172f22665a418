#!/usr/bin/env bash
# The outside check of the contract: the packaged service behind Stoplight Prism's validating proxy
# (prism proxy --errors openapi/openapi.yaml). Both generated clients run their flows through it (the Java one with
# src/client-test's PrismJavaClientFlows, the TypeScript one with flow.ts beside this script), then a sweep of error
# answers. With --errors, Prism answers a request or an answer outside the document with its own problem (type
# https://stoplight.io/prism/errors#...) instead of forwarding it: a flow fails on it, the sweep checks every answer.
# Needs the packaged jar and the generated clients (./mvnw verify -Pclients), MariaDB on 127.0.0.1:3306, node with npx.
#   src/test/prism/run.sh
#   SVC_PORT=9105 PRISM_PORT=9106 DB=lh_prism src/test/prism/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
PRISM_VERSION=5.16.0
TYPESCRIPT_VERSION=5.9.3
SVC_PORT=${SVC_PORT:-9105}
PRISM_PORT=${PRISM_PORT:-9106}
DB=${DB:-lh_prism}
DB_USER=${DB_USER:-root}
ADMIN=prism-admin-key-0123456789abcdef
PRISM=http://127.0.0.1:$PRISM_PORT
OUT=target/prism
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] && [ -d target/generated-clients/typescript ] || { echo "run ./mvnw verify -Pclients first" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"

mariadb -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -h127.0.0.1 \
  -e "drop database if exists $DB; create database $DB character set utf8mb4 collate utf8mb4_unicode_ci"
PIDS=()
stop() { for p in "${PIDS[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done; }
trap stop EXIT
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$SVC_PORT QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:3306/$DB" QUARKUS_DATASOURCE_USERNAME=$DB_USER \
  QUARKUS_DATASOURCE_PASSWORD=${DB_PASSWORD:-} LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN \
  setsid timeout 1200 java -Xmx256m -jar "$JAR" > "$OUT/service.log" 2>&1 &
PIDS+=($!)
setsid timeout 1200 npx --yes "@stoplight/prism-cli@$PRISM_VERSION" proxy --errors -h 127.0.0.1 -p "$PRISM_PORT" \
  openapi/openapi.yaml "http://127.0.0.1:$SVC_PORT" > "$OUT/prism.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$SVC_PORT/q/health/ready" > /dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$SVC_PORT/q/health/ready" > /dev/null || { tail -50 "$OUT/service.log"; echo "the service did not start" >&2; exit 1; }
for _ in $(seq 1 240); do grep -q "Prism is listening" "$OUT/prism.log" && break; sleep 0.5; done
grep -q "Prism is listening" "$OUT/prism.log" || { cat "$OUT/prism.log"; echo "Prism did not start" >&2; exit 1; }

echo "== The generated Java client's flows through Prism"
./mvnw -B -q -Pclients surefire:test -Dtest=PrismJavaClientFlows -Dsurefire.failIfNoSpecifiedTests=false \
  -Dprism.base-url="$PRISM" -Dprism.api-key="$ADMIN"
grep -h -o 'tests="[0-9]*"\|failures="[0-9]*"\|errors="[0-9]*"\|skipped="[0-9]*"' \
  target/surefire-reports/TEST-io.leadhandoff.client.PrismJavaClientFlows.xml | head -4 | paste -sd' '
grep -q 'skipped="0"' target/surefire-reports/TEST-io.leadhandoff.client.PrismJavaClientFlows.xml || { echo "the Java flows were skipped" >&2; exit 1; }

echo "== The generated TypeScript client's flow through Prism (tsc --strict, then node)"
mkdir -p "$OUT/ts" && cp -r target/generated-clients/typescript "$OUT/ts/client" && cp src/test/prism/flow.ts "$OUT/ts/"
npx --yes -p "typescript@$TYPESCRIPT_VERSION" tsc --strict --target es2020 --module commonjs --moduleResolution node \
  --lib es2020,dom --outDir "$OUT/ts/js" "$OUT/ts/flow.ts"
PRISM_BASE_URL=$PRISM PRISM_API_KEY=$ADMIN node "$OUT/ts/js/flow.js"

echo "== Error answers through Prism"
failed=0
swept=0
# expect STATUS NAME curl-arguments...: the answer has STATUS and Prism found nothing outside the document
expect() {
  local status=$1 name=$2 got; shift 2
  got=$(curl -s -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' -H "Authorization: Bearer ${KEY:-$ADMIN}" "$@")
  swept=$((swept + 1))
  if [ "$got" != "$status" ] || grep -qi '^sl-violations:' "$OUT/headers" || grep -q 'stoplight.io/prism' "$OUT/body"; then
    failed=$((failed + 1))
    echo "FAIL $name: expected $status, got $got"; grep -i '^sl-violations:' "$OUT/headers" || true; head -c 1500 "$OUT/body"; echo
  else
    echo "ok   $name ($got)"
  fi
}
json=(-H 'Content-Type: application/json')
lead=$(curl -sf -H "Authorization: Bearer $ADMIN" "${json[@]}" -d '{"email":"sweep@sweep-prism.example"}' "$PRISM/api/v1/leads" \
  | sed -n 's/.*"lead":{"id":"\([0-9A-Z]*\)".*/\1/p')
[ -n "$lead" ] || { echo "could not create the sweep's lead" >&2; exit 1; }
source_id=sweep-$RANDOM$RANDOM
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" "${json[@]}" \
  -d "{\"id\":\"$source_id\",\"kind\":\"generic\",\"name\":\"Sweep\",\"secrets\":[\"sweep-secret-0123456789\"],\"mapping\":{\"email\":\"/email\",\"firstName\":\"/firstName\"}}" "$PRISM/api/v1/sources"
reader=$(curl -sf -H "Authorization: Bearer $ADMIN" "${json[@]}" -d '{"name":"sweep reader","scopes":["leads:read"]}' \
  "$PRISM/api/v1/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
slow=$(curl -sf -H "Authorization: Bearer $ADMIN" "${json[@]}" -d '{"name":"sweep slow","scopes":["leads:read"],"ratePerSecond":1,"burst":1}' \
  "$PRISM/api/v1/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')

expect 404 "an unknown lead" "$PRISM/api/v1/leads/7ZZZZZZZZZZZZZZZZZZZZZZZZZ"
expect 404 "an unknown queue" "$PRISM/api/v1/queues/no-such-queue"
expect 404 "an unknown source" "$PRISM/api/v1/sources/no-such-source"
expect 404 "an unknown API key" -X DELETE "$PRISM/api/v1/api-keys/7ZZZZZZZZZZZZZZZZZZZZZZZZZ"
expect 404 "history of an unknown lead" "$PRISM/api/v1/leads/7ZZZZZZZZZZZZZZZZZZZZZZZZZ/history"
expect 422 "a forged cursor" "$PRISM/api/v1/leads?cursor=forged"
expect 409 "feedback on a lead nobody claimed" "${json[@]}" -d '{"outcome":"ACCEPTED","repId":"rep-sweep","leaseToken":"not-a-lease"}' \
  "$PRISM/api/v1/leads/$lead/feedback"
expect 409 "a release without the lease" "${json[@]}" -d '{"leaseToken":"not-a-lease"}' "$PRISM/api/v1/leads/$lead/release"
KEY=lh_not-a-key expect 401 "an unknown API key" "$PRISM/api/v1/leads/$lead"
KEY=$reader expect 200 "a key with the scope" "$PRISM/api/v1/leads/$lead"
KEY=$reader expect 403 "a key without the scope" "$PRISM/api/v1/queues"
KEY=$slow expect 200 "within the rate limit" "$PRISM/api/v1/leads/$lead"
KEY=$slow expect 429 "over the rate limit" "$PRISM/api/v1/leads/$lead"
expect 200 "a source event with its shared secret" -H 'X-Lead-Handoff-Secret: sweep-secret-0123456789' "${json[@]}" \
  -d '{"email":"webhook@sweep-prism.example","firstName":"Webhook"}' "$PRISM/api/v1/sources/$source_id/events"
expect 401 "a source event with a wrong secret" -H 'X-Lead-Handoff-Secret: wrong' "${json[@]}" -d '{"email":"x@sweep-prism.example"}' \
  "$PRISM/api/v1/sources/$source_id/events"
expect 401 "a source event with a wrong Standard Webhooks signature" -H 'webhook-id: msg_1' -H "webhook-timestamp: 1" \
  -H 'webhook-signature: v1,AAAA' "${json[@]}" -d '{"email":"x@sweep-prism.example"}' "$PRISM/api/v1/sources/$source_id/events"
expect 204 "an erasure" -X DELETE "$PRISM/api/v1/leads/$lead"

echo "Prism sweep: $((swept - failed)) passed, $failed failed"
[ "$failed" = 0 ]

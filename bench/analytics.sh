#!/usr/bin/env bash
# Analytics and dashboard benchmark (issue 12), ONE run on the generated data set of
# bench/segments.sh (CUSTOMERS customers, EVENTS events over 180 days, workspace 1):
#  trends      90 days, logged_in + feature_used, interval day and hour, UTC and America/New_York
#  funnel      signed_up -> logged_in -> purchase, 7-day window, the last 30 days: cold (first) and repeated
#  retention   signed_up (first) -> logged_in, 8 weeks
#  backtest    "performed purchase in the last 30 days", 31 daily points, and one preview (now) as its baseline
#  events tab  first contentful paint of /events in headless Chromium, and SSE delivery: HTTP ack of a
#              new event -> its row in the open tab (bench/analytics/browser.mjs, puppeteer-core)
# Each figure is the p50/p99 of N requests and a ratio to its goal; trends also as a ratio to the
# hand-written SQL over the same events (the baseline, measured in the same run).
# Usage: bench/analytics.sh   (env: CUSTOMERS, EVENTS, N, BT_N for the backtest; KEEP_DATA=1 reuses the data of an earlier run;
#        APP=dir of a packaged quarkus-app, default target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
EVENTS=${EVENTS:-10000000}
N=${N:-20}
BT_N=${BT_N:-5}
PORT=${PORT:-18082}
OUT=bench/out/analytics
DBNAME=xoal_anbench
APP=${APP:-target/quarkus-app}
mkdir -p "$OUT"

if [ "${KEEP_DATA:-0}" = 1 ]; then
  pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect 15 main start
  su_psql() { (cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"); }
  ADM=adm_benchadminkey0000000000000000000
  ING=ing_benchingestkey000000000000000000
  export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DBNAME
  export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DBNAME
  export QUARKUS_DATASOURCE_USERNAME=xoal QUARKUS_DATASOURCE_PASSWORD=xoal
  export XOAL_BOOTSTRAP_ADMIN_KEY=$ADM XOAL_BOOTSTRAP_INGEST_KEY=$ING QUARKUS_HTTP_PORT=$PORT
  BASE=http://127.0.0.1:$PORT
  [ -f "$APP/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests
else
  source bench/common.sh $DBNAME
fi
db() { su_psql -d $DBNAME "$@"; }
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; print a[i]}'; }

# Plain-HTTP access to the dashboard from the bench (no TLS here).
# A cold funnel may take longer than the default 10 s read limit on this machine: measure it instead of a 422.
export XOAL_DASHBOARD_SECURE_COOKIE=false XOAL_SEGMENTS_REFRESH_EVERY=off XOAL_SEGMENTS_SWEEP_EVERY=off XOAL_ANALYTICS_READ_TIMEOUT=PT120S
java -jar "$APP/quarkus-run.jar" > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$BASE/q/health/ready"; do kill -0 $PID || { cat "$OUT/service.log"; exit 1; }; sleep 0.2; done

if [ "${KEEP_DATA:-0}" != 1 ]; then
  echo "== generating $CUSTOMERS customers and $EVENTS events (SQL, not measured)"
  t0=$(date +%s)
  db -v customers="$CUSTOMERS" -v events="$EVENTS" -f "$PWD/bench/segments/generate.sql"
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
echo "data: $(db -c "SELECT count(*) FROM events") events, $(db -c "SELECT count(*) FROM customers") customers"

# ms of one request: time_total of curl (the server's time plus a loopback round trip)
timed() { curl -s -o "$OUT/last.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $ADM" -H 'Content-Type: application/json' "$@" \
  | awk '{ if ($1 != 200) { print "HTTP " $1 > "/dev/stderr"; exit 1 } printf "%.1f\n", $2 * 1000 }'; }
# name goal_ms curl-args… : N requests -> "name p50 p99 ratio-to-goal"
measure() {
  local name=$1 goal=$2; shift 2
  local f="$OUT/$name.ms"; : > "$f"
  for _ in $(seq 1 "$N"); do timed "$@" >> "$f"; done
  local p50 p99; p50=$(pct 50 < "$f"); p99=$(pct 99 < "$f")
  printf '%-34s p50 %8.1f ms  p99 %8.1f ms  p99/goal %.2f (goal %s ms)\n' "$name" "$p50" "$p99" "$(echo "$p99 / $goal" | bc -l)" "$goal" | tee -a "$OUT/summary.txt"
}
: > "$OUT/summary.txt"

TO=$(date -u +%F); FROM90=$(date -u -d '90 days ago' +%F); FROM30=$(date -u -d '30 days ago' +%F)
FROM8W=$(date -u -d 'last monday -7 weeks' +%F)

echo "== trends (N=$N each)"
for tz in UTC America/New_York; do
  for interval in day hour; do
    measure "trends-$interval-${tz//\//_}" 100 "$BASE/v1/analytics/trends?events=logged_in,feature_used&from=${FROM90}T00:00:00Z&to=${TO}T00:00:00Z&interval=$interval&measure=total&tz=$tz"
  done
done
measure "trends-day-uniques-UTC" 100 "$BASE/v1/analytics/trends?events=logged_in,feature_used&from=${FROM90}T00:00:00Z&to=${TO}T00:00:00Z&interval=day&measure=uniques&tz=UTC"
# Baseline: the same daily totals by hand from the events table (psql, server time, median of 5).
base_ms=$(for _ in 1 2 3 4 5; do db -c '\timing on' -c "SELECT name, date_trunc('day', occurred_at AT TIME ZONE 'UTC') d, count(*) FROM events
  WHERE workspace_id = 1 AND name IN ('logged_in', 'feature_used') AND occurred_at >= '${FROM90}' AND occurred_at < '${TO}' GROUP BY 1, 2" \
  | awk '/^Time:/ {print $2}'; done | sort -n | awk '{a[NR]=$1} END {print a[3]}')
t50=$(pct 50 < "$OUT/trends-day-UTC.ms")
printf '%-34s hand-written SQL on events %.1f ms; trends day UTC p50 / it = %.3f\n' "trends baseline" "$base_ms" "$(echo "$t50 / $base_ms" | bc -l)" | tee -a "$OUT/summary.txt"

echo "== funnel (cold: the first after start; uncached: a new question each time, warm; stored: the same question again)"
funnel() { echo "{\"steps\":[{\"event\":\"signed_up\"},{\"event\":\"logged_in\"},{\"event\":\"purchase\"}],\"window\":{\"minutes\":$1},\"from\":\"$FROM30\",\"to\":\"$TO\",\"tz\":\"UTC\"}"; }
cold=$(timed -X POST "$BASE/v1/analytics/funnels" -d "$(funnel 10080)")
printf '%-34s %8.1f ms  cold/goal %.2f (goal 2000 ms)\n' "funnel-cold" "$cold" "$(echo "$cold / 2000" | bc -l)" | tee -a "$OUT/summary.txt"
: > "$OUT/funnel-uncached.ms"
for i in $(seq 1 "$BT_N"); do timed -X POST "$BASE/v1/analytics/funnels" -d "$(funnel $((10080 - i)))" >> "$OUT/funnel-uncached.ms"; done
printf '%-34s p50 %8.1f ms  (N=%s, goal 2000 ms)\n' "funnel-uncached-warm" "$(pct 50 < "$OUT/funnel-uncached.ms")" "$BT_N" | tee -a "$OUT/summary.txt"
measure "funnel-stored" 100 -X POST "$BASE/v1/analytics/funnels" -d "$(funnel 10080)"
cp "$OUT/last.json" "$OUT/funnel.json"

echo "== retention (first: read; stored: the same grid again)"
RET="{\"cohort_event\":\"signed_up\",\"cohort\":\"first\",\"return_event\":\"logged_in\",\"interval\":\"week\",\"periods\":8,\"from\":\"$FROM8W\",\"tz\":\"UTC\"}"
first=$(timed -X POST "$BASE/v1/analytics/retention" -d "$RET")
printf '%-34s %8.1f ms  /goal %.2f (goal 500 ms)\n' "retention-8-weeks-read" "$first" "$(echo "$first / 500" | bc -l)" | tee -a "$OUT/summary.txt"
measure "retention-8-weeks-stored" 500 -X POST "$BASE/v1/analytics/retention" -d "$RET"

echo "== backtest (N=$BT_N: each is 31 evaluations)"
DEF='{"performed":{"event":"purchase","window":{"days":30}}}'
N=$BT_N measure "preview-now" 2000 -X POST "$BASE/v1/segments/preview" -d "{\"definition\":$DEF}"
N=$BT_N measure "backtest-30-days" 20000 -X POST "$BASE/v1/segments/preview" -d "{\"definition\":$DEF,\"history\":{\"days\":30,\"interval\":\"day\"}}"
printf '%-34s backtest p50 / preview p50 = %.1f (31 points)\n' "backtest per point" \
  "$(echo "$(pct 50 < "$OUT/backtest-30-days.ms") / $(pct 50 < "$OUT/preview-now.ms")" | bc -l)" | tee -a "$OUT/summary.txt"

echo "== Events tab in headless Chromium"
command -v chromedriver >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
[ -d bench/analytics/node_modules/puppeteer-core ] || (cd bench/analytics && npm install --no-audit --no-fund --silent)
BASE=$BASE ADM=$ADM ING=$ING N=$N OUT=$OUT node bench/analytics/browser.mjs | tee -a "$OUT/summary.txt"

echo
echo "== Summary ($(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, PostgreSQL $(su_psql -c 'SHOW server_version'))"
cat "$OUT/summary.txt"

#!/usr/bin/env bash
# Ingest benchmark (issue: ingestion foundation). One run measures, on this machine:
#  G1 HTTP batch ingest vs binary COPY of the same rows into the same schema (median of REPEATS)
#  G2 single-event requests at concurrency (wrk) vs the batch rate
#  latency of single-event ingest at a fixed 5,000 events/s (open loop)
#  start-up to first durable ingest, and RSS after it
#  events-feed latency with millions of stored events
# Usage: bench/ingest.sh            (env: N=events per run, REPEATS, FILL=rows for the feed test,
#                                    APP=dir of a packaged quarkus-app, default target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
REPEATS=${REPEATS:-3}
FILL=${FILL:-2000000}
APP=${APP:-target/quarkus-app}
PORT=${PORT:-18080}
OUT=bench/out
mkdir -p "$OUT"

command -v wrk >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq wrk time >/dev/null; }
source bench/common.sh xoal_bench

echo "== start-up to first durable ingest"
t0=$(date +%s%N)
java -jar "$APP/quarkus-run.jar" > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf -o /dev/null -H "Authorization: Bearer $ING" -d '{"event":"first","properties":{"userId":"s"}}' "$BASE/ingest/v1/event"; do
  kill -0 $PID || { cat "$OUT/service.log"; exit 1; }
  sleep 0.02
done
STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
RSS_MB=$(( $(awk '/VmRSS/ {print $2}' /proc/$PID/status) / 1024 ))
echo "start-up ${STARTUP_MS} ms, RSS ${RSS_MB} MB"

echo "== warm-up (not measured): the JIT compiles the ingest paths; C2 alone took ~3 CPU-s of a cold 10-s run"
node bench/load.mjs batch "$N" 250 4 "$BASE/ingest/v1/event" "$ING" "warm-$RANDOM" > /dev/null
node bench/load.mjs batch "$N" 250 4 "$BASE/v1/batch" "$ING" "warms-$RANDOM" segment > /dev/null
KEY=$ING TAG="warm-$RANDOM" wrk -t2 -c64 -d15s -s bench/single.lua "$BASE/ingest/v1/event" > /dev/null

echo "== G1: binary COPY baseline vs HTTP batch ingest ($N events, $REPEATS runs)"
node bench/load.mjs rows "$N" "$OUT/rows.csv"
chmod 644 "$OUT/rows.csv"; cp "$OUT/rows.csv" /tmp/xoal_bench_rows.csv; chmod 644 /tmp/xoal_bench_rows.csv
su_psql -d xoal_bench <<'SQL'
CREATE UNLOGGED TABLE stage (occurred_at timestamptz, received_at timestamptz, message_id text, name text,
  subject_kind text, subject_id bigint, properties jsonb, source text);
COPY stage FROM '/tmp/xoal_bench_rows.csv' (FORMAT csv);
COPY (SELECT 1::bigint, occurred_at, received_at, message_id, name, subject_kind, subject_id, properties, source FROM stage)
  TO '/tmp/xoal_bench_rows.bin' (FORMAT binary);
SQL
# CPU ticks of a process (the JVM), and of PostgreSQL: every process of it alive now (backends, the WAL
# writer...) plus what its exited backends used (the postmaster's children's times).
TCK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() {
  local t; t=$(awk '{print $16 + $17}' "/proc/$(pgrep -o -u postgres -x postgres)/stat")
  for p in $(pgrep -u postgres); do t=$(( t + $(ticks "$p" 2>/dev/null || echo 0) )); done; echo "$t"
}
per100k() { awk "BEGIN {printf \"%.2f\", $1 / $TCK * 100000 / $N}"; }
copy_rates=(); http_rates=(); segment_rates=(); copy_pg=(); http_jvm=(); http_pg=()
for r in $(seq 1 "$REPEATS"); do
  t0=$(date +%s%N); pg0=$(pg_ticks)
  su_psql -d xoal_bench -c "COPY events (workspace_id, occurred_at, received_at, message_id, name, subject_kind, subject_id, properties, source) FROM '/tmp/xoal_bench_rows.bin' (FORMAT binary)"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  copy_pg+=( "$(per100k $(( $(pg_ticks) - pg0 )))" )
  copy_rates+=( $(( N * 1000 / ms )) )
  su_psql -d xoal_bench -c "DELETE FROM events WHERE source = 'api' AND message_id LIKE 'copy-%'" -c "VACUUM events"
  jvm0=$(ticks $PID); pg0=$(pg_ticks)
  res=$(node bench/load.mjs batch "$N" 250 4 "$BASE/ingest/v1/event" "$ING" "b$r-$RANDOM")
  http_jvm+=( "$(per100k $(( $(ticks $PID) - jvm0 )))" ); http_pg+=( "$(per100k $(( $(pg_ticks) - pg0 )))" )
  http_rates+=( $(echo "$res" | sed 's/.*"eventsPerSecond":\([0-9]*\).*/\1/') )
  seg=$(node bench/load.mjs batch "$N" 250 4 "$BASE/v1/batch" "$ING" "s$r-$RANDOM" segment)
  segment_rates+=( $(echo "$seg" | sed 's/.*"eventsPerSecond":\([0-9]*\).*/\1/') )
  echo "run $r: COPY ${copy_rates[-1]} ev/s (PostgreSQL ${copy_pg[-1]} CPU-s per 100k), HTTP batch ${http_rates[-1]} ev/s" \
    "(JVM ${http_jvm[-1]}, PostgreSQL ${http_pg[-1]} CPU-s per 100k)  $res; Segment /v1/batch ${segment_rates[-1]} ev/s  $seg"
done
COPY_PG_MED=$(printf '%s\n' "${copy_pg[@]}" | median)
HTTP_JVM_MED=$(printf '%s\n' "${http_jvm[@]}" | median)
HTTP_PG_MED=$(printf '%s\n' "${http_pg[@]}" | median)
COPY_MED=$(printf '%s\n' "${copy_rates[@]}" | median)
HTTP_MED=$(printf '%s\n' "${http_rates[@]}" | median)
SEGMENT_MED=$(printf '%s\n' "${segment_rates[@]}" | median)

echo "== G2: single-event requests, 64 connections, 10 s ($REPEATS runs)"
single_rates=()
for r in $(seq 1 "$REPEATS"); do
  KEY=$ING TAG="w$r-$RANDOM" wrk -t2 -c64 -d10s -s bench/single.lua "$BASE/ingest/v1/event" > "$OUT/wrk-$r.txt"
  non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$OUT/wrk-$r.txt" | grep -o '[0-9]*$' || echo 0)
  rate=$(awk '/Requests\/sec/ {printf "%d", $2}' "$OUT/wrk-$r.txt")
  single_rates+=( "$rate" )
  echo "run $r: $rate events/s (non-2xx: $non2xx)"
done
SINGLE_MED=$(printf '%s\n' "${single_rates[@]}" | median)

echo "== latency of single events at 5,000 events/s for 10 s ($REPEATS runs)"
p50s=(); p99s=(); sp50s=(); sp99s=()
quantile() { curl -s "$BASE/q/metrics" | awk -v q="$1" '/^xoal_ingest_request_duration_seconds\{/ && $0 ~ "quantile=\"" q "\"" {printf "%.2f", $2 * 1000}'; }
for r in $(seq 1 "$REPEATS"); do
  res=$(/usr/bin/time -f "%U %S" -o "$OUT/node-cpu-$r.txt" node bench/load.mjs rate 5000 10 "$BASE/ingest/v1/event" "$ING" "l$r-$RANDOM")
  sp50s+=( "$(quantile 0.5)" ); sp99s+=( "$(quantile 0.99)" )
  echo "run $r: client $res; server-side p50 ${sp50s[-1]} ms p99 ${sp99s[-1]} ms; generator CPU $(awk '{printf "%.1f", $1 + $2}' "$OUT/node-cpu-$r.txt") s of 10 s"
  p50s+=( $(echo "$res" | sed 's/.*"p50ms":"\([0-9.]*\)".*/\1/') ); p99s+=( $(echo "$res" | sed 's/.*"p99ms":"\([0-9.]*\)".*/\1/') )
done
P50_MED=$(printf '%s\n' "${p50s[@]}" | median); P99_MED=$(printf '%s\n' "${p99s[@]}" | median)
SP50_MED=$(printf '%s\n' "${sp50s[@]}" | median); SP99_MED=$(printf '%s\n' "${sp99s[@]}" | median)

echo "== events feed with $FILL more stored events"
su_psql -d xoal_bench <<SQL
INSERT INTO events (workspace_id, occurred_at, received_at, message_id, name, subject_kind, subject_id, properties, source)
SELECT 1, now(), now(), 'fill-' || g, 'fill_' || (g % 20), 'customer', 1 + g % 50000, '{"plan":"pro","amount":12.5}', 'bench'
FROM generate_series(1, $FILL) g;
ANALYZE events;
SQL
TOTAL=$(su_psql -d xoal_bench -c "SELECT count(*) FROM events")
# Each read warmed up for 15 s (the JIT: a 3-s warm-up still left C2 compiling into the measured runs), then REPEATS runs of 10 s; the median p99 (ms) is reported.
feed_p99() { # name url
  wrk -t1 -c4 -d15s -H "Authorization: Bearer $ADM" "$BASE/$2" > /dev/null
  for r in $(seq 1 "$REPEATS"); do
    wrk -t1 -c4 -d10s --latency -H "Authorization: Bearer $ADM" "$BASE/$2" > "$OUT/$1-$r.txt"
    awk '/^ +99%/ {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else v = v * 1000; print v}' "$OUT/$1-$r.txt"
  done | median
}
FEED_P99=$(feed_p99 feed "v1/events?limit=1000")
TIMELINE_P99=$(feed_p99 timeline "v1/customers/c0/events?limit=100")
NAME_P99=$(feed_p99 feed-name "v1/events?limit=100&name=purchase")

cat <<REPORT | tee "$OUT/summary.txt"

== Summary ($(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, PostgreSQL $(su_psql -c 'SHOW server_version'))
G1 batch ingest (250/request, 4 conns): ${HTTP_MED} ev/s; binary COPY ${COPY_MED} ev/s; ratio $(awk "BEGIN {printf \"%.2f\", $HTTP_MED/$COPY_MED}") (goal >= 0.5)
CPU-seconds per 100k events (medians): HTTP batch: JVM ${HTTP_JVM_MED}, PostgreSQL ${HTTP_PG_MED}; binary COPY: PostgreSQL ${COPY_PG_MED}
Segment /v1/batch (same events, Basic):  ${SEGMENT_MED} ev/s; ratio to the native endpoint $(awk "BEGIN {printf \"%.2f\", $SEGMENT_MED/$HTTP_MED}") (goal >= 0.8)
G2 single-event requests (64 conns):     ${SINGLE_MED} ev/s; ratio to batch $(awk "BEGIN {printf \"%.2f\", $SINGLE_MED/$HTTP_MED}") (goal >= 0.2 and >= 10,000 ev/s)
single-event latency at 5,000 ev/s:      client p50 ${P50_MED} ms, p99 ${P99_MED} ms; server-side p50 ${SP50_MED} ms, p99 ${SP99_MED} ms (goal p99 <= 20 ms)
start-up to first durable ingest:        ${STARTUP_MS} ms, RSS ${RSS_MB} MB (goal <= 2 s, <= 300 MB; JVM mode)
feed p99 with ${TOTAL} stored events:   /v1/events?limit=1000 ${FEED_P99} ms; timeline limit=100 ${TIMELINE_P99} ms; by name limit=100 ${NAME_P99} ms (goal <= 50 ms; timeline <= 20 ms)
REPORT

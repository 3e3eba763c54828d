#!/usr/bin/env bash
# Dedup-window benchmark (issue 8, item 9). One run measures, on this machine:
#  P1 how fast the dedup window forgets: messageIds dropped per second by the service's MessageIdPruneJob
#     (expired generations = partitions of message_ids, GEN_DAYS days each) while HTTP batch ingest runs; baseline in the same run:
#     the previous design's statement (DELETE of 50,000 rows by ctid from one table with a received_at index),
#     run back to back under the same ingest load, i.e. its best case (its 1-minute schedule gave 833/s)
#  P2 what the cross-generation lookup costs the insert path: HTTP batch ingest with only today's generation vs
#     with DAYS more days of messageIds stored, in ceil(DAYS / GEN_DAYS) generations (the check probes each of them per messageId)
#  P0 (with BEFORE_JAR=path/to/quarkus-run.jar of an earlier build) the same batch ingest against that build on a
#     fresh database of its own, measured in the same run just before P2, for a before/after of the insert path
# Usage: bench/dedup.sh        (env: N=events per ingest run, DAYS=days of older messageIds, ROWS=messageIds per day,
#                               GEN_DAYS=days per generation (the service's xoal.ingest.dedup-generation-days), BEFORE_JAR)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
DAYS=${DAYS:-30}
ROWS=${ROWS:-100000}
GEN_DAYS=${GEN_DAYS:-7}
GENS=$(( (DAYS + GEN_DAYS - 1) / GEN_DAYS ))
PORT=${PORT:-18081}
OUT=bench/out/dedup
mkdir -p "$OUT"
DB=xoal_bench_dedup
source bench/common.sh $DB

sql() { su_psql -d $DB "$@"; }
rate() { echo "$1" | sed 's/.*"eventsPerSecond":\([0-9]*\).*/\1/'; }
serve() { # JAR: starts it and waits for its first durable ingest
  java -jar "$1" > "$OUT/service.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null -H "Authorization: Bearer $ING" -d '{"event":"first","properties":{"userId":"s"}}' "$BASE/ingest/v1/event"; do
    kill -0 $PID || { cat "$OUT/service.log"; exit 1; }
    sleep 0.1
  done
}
trap 'kill ${PID:-} 2>/dev/null || true' EXIT

BEFORE="not measured (set BEFORE_JAR)"
if [ -n "${BEFORE_JAR:-}" ]; then
  echo "== P0: batch ingest against $BEFORE_JAR (database ${DB}_before)"
  su_psql -c "DROP DATABASE IF EXISTS ${DB}_before WITH (FORCE)" -c "CREATE DATABASE ${DB}_before OWNER xoal"
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/${DB}_before QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/${DB}_before serve "$BEFORE_JAR"
  node bench/load.mjs batch "$N" 250 4 "$BASE/ingest/v1/event" "$ING" "warm-$RANDOM" > /dev/null
  BEFORE="$(rate "$(node bench/load.mjs batch "$N" 250 4 "$BASE/ingest/v1/event" "$ING" "before-$RANDOM")") ev/s"
  echo "$BEFORE"
  kill $PID; wait $PID 2>/dev/null || true
fi

# The job runs every second, so a drop waits at most that long for its turn; P1 counts that wait in.
XOAL_INGEST_PRUNE_EVERY=1s XOAL_INGEST_DEDUP_GENERATION_DAYS=$GEN_DAYS serve target/quarkus-app/quarkus-run.jar
# The job has opened the generation that holds today (the migration's first one is dated 2000-01-01).
until [ "$(sql -c "SELECT count(*) FROM message_id_generations WHERE closed_at IS NULL AND day > DATE '2000-01-01'")" = 1 ]; do sleep 0.2; done
CURRENT=$(sql -c "SELECT max(day) FROM message_id_generations")

echo "== warm-up (not measured)"
node bench/load.mjs batch "$N" 250 4 "$BASE/ingest/v1/event" "$ING" "warm-$RANDOM" > /dev/null

echo "== P2: batch ingest with today's generation only"
ONE=$(rate "$(node bench/load.mjs batch "$N" 250 4 "$BASE/ingest/v1/event" "$ING" "one-$RANDOM")")
echo "$ONE ev/s"

echo "== seeding $GENS older generations of $GEN_DAYS days x $ROWS messageIds each (the same DDL as the job)"
for d in $(seq 1 "$GENS"); do
  sql <<SQL
SELECT format('CREATE TABLE %I (LIKE message_ids INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', 'message_ids_g' || to_char(day, 'YYYYMMDD')),
       format('ALTER TABLE message_ids ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', 'message_ids_g' || to_char(day, 'YYYYMMDD'), day, day + $GEN_DAYS),
       format('INSERT INTO message_ids SELECT 1, %L || g, %L, %L FROM generate_series(1, $((ROWS * GEN_DAYS))) g', 'seed-' || day || '-', day, day),
       format('INSERT INTO message_id_generations VALUES (%L, %L, %L)', day, day, day + $GEN_DAYS)
FROM (SELECT DATE '$CURRENT' - $((d * GEN_DAYS)) AS day) d \gexec
SQL
done
sql -c "VACUUM ANALYZE message_ids"

echo "== P2: batch ingest with $GENS more generations"
MANY=$(rate "$(node bench/load.mjs batch "$N" 250 4 "$BASE/ingest/v1/event" "$ING" "many-$RANDOM")")
echo "$MANY ev/s"

echo "== baseline: the previous prune statement on the same $((GENS * GEN_DAYS * ROWS)) expired rows, under ingest"
sql <<SQL
CREATE TABLE baseline_message_ids (workspace_id bigint NOT NULL, message_id text NOT NULL, received_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, message_id));
CREATE INDEX baseline_message_ids_received ON baseline_message_ids (received_at);
INSERT INTO baseline_message_ids SELECT workspace_id, message_id, now() - interval '40 days' FROM message_ids WHERE generation < DATE '$CURRENT';
VACUUM ANALYZE baseline_message_ids;
SQL
node bench/load.mjs batch "$((N * 10))" 250 4 "$BASE/ingest/v1/event" "$ING" "bl-$RANDOM" > /dev/null &
LOAD=$!
t0=$(date +%s%N); deleted=0
while :; do
  sql -c "DELETE FROM baseline_message_ids WHERE ctid IN (SELECT ctid FROM baseline_message_ids WHERE received_at < now() - interval '30 days' LIMIT 50000 FOR UPDATE SKIP LOCKED)"
  left=$(sql -c "SELECT count(*) FROM (SELECT 1 FROM baseline_message_ids LIMIT 1) x")
  [ "$left" = 0 ] && break
  [ $(( ($(date +%s%N) - t0) / 1000000000 )) -ge 120 ] && break
done
BASE_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
BASE_LEFT=$(sql -c "SELECT count(*) FROM baseline_message_ids")
BASE_RATE=$(( (GENS * GEN_DAYS * ROWS - BASE_LEFT) * 1000 / BASE_MS ))
kill $LOAD 2>/dev/null || true; wait $LOAD 2>/dev/null || true
echo "deleted $((GENS * GEN_DAYS * ROWS - BASE_LEFT)) rows in $BASE_MS ms: $BASE_RATE messageIds/s"

echo "== P1: the service forgets the $GENS expired generations, under ingest"
node bench/load.mjs batch "$((N * 10))" 250 4 "$BASE/ingest/v1/event" "$ING" "p1-$RANDOM" > "$OUT/p1-load.txt" &
LOAD=$!
sleep 2
t0=$(date +%s%N)
sql -c "UPDATE message_id_generations SET closed_at = now() - interval '31 days' WHERE day < DATE '$CURRENT'"
until [ "$(sql -c "SELECT count(*) FROM message_id_generations WHERE day < DATE '$CURRENT'")" = 0 ]; do sleep 0.05; done
P1_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
P1_RATE=$(( GENS * GEN_DAYS * ROWS * 1000 / P1_MS ))
kill $LOAD 2>/dev/null || true; wait $LOAD 2>/dev/null || true
echo "dropped $((GENS * GEN_DAYS * ROWS)) messageIds in $P1_MS ms: $P1_RATE messageIds/s"

cat <<REPORT | tee "$OUT/summary.txt"

== Summary ($(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, PostgreSQL $(su_psql -c 'SHOW server_version'))
P1 dedup window forgets (job, $GENS generations of $GEN_DAYS days x $ROWS, under ingest): ${P1_RATE} messageIds/s (${P1_MS} ms incl. up to 1 s wait for the schedule; goal >= 50,000/s)
   baseline, previous DELETE statement back to back, same rows and load: ${BASE_RATE} messageIds/s (its 1-minute schedule: 833/s)
P0 batch ingest (250/request, 4 conns), BEFORE_JAR build:          ${BEFORE}
P2 batch ingest (250/request, 4 conns), today's generation only:   ${ONE} ev/s
   with $GENS more generations ($GEN_DAYS days each) stored ($((GENS * GEN_DAYS * ROWS)) messageIds): ${MANY} ev/s; ratio $(awk "BEGIN {printf \"%.2f\", $MANY/$ONE}")
REPORT

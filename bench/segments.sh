#!/usr/bin/env bash
# Segment benchmark (issue 4), measured in ONE run on a generated data set
# (CUSTOMERS customers, EVENTS events over 180 days, Zipf-like subjects, ~5% purchase):
#  G3 full recompute of "performed purchase in the last 30 days" vs the hand-written SQL in
#     bench/segments/purchase_30d.sql (warm, median of REPEATS; the first, cold one is reported too)
#  G4 bringing 20 segments up to date after 10k new events (server-side evaluation time) vs G3
#  E1 event-driven evaluation throughput with the 20 segments ÷ the ingest throughput it serves, sustained
#     (E1_EVENTS events at full batch rate; evaluation throughput = events ÷ time until the queue is empty)
#  G7 event acknowledged -> membership visible, p99, under concurrent batch ingest (median of REPEATS rounds)
#  ingest throughput while all 20 segments are recomputed every 10 s vs without
# Usage: bench/segments.sh   (env: CUSTOMERS, EVENTS, REPEATS, APP=dir of a packaged quarkus-app; SEED=<database>: generate once into that
# database and copy it for every later run with the same SEED, instead of generating again)
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
EVENTS=${EVENTS:-10000000}
REPEATS=${REPEATS:-3}
E1_EVENTS=${E1_EVENTS:-500000}
APP=${APP:-target/quarkus-app}
PORT=${PORT:-18081}
OUT=bench/out/segments
mkdir -p "$OUT"

source bench/common.sh xoal_segbench
db() { su_psql -d xoal_segbench "$@"; }
api() { curl -sf -H "Authorization: Bearer $ADM" -H 'Content-Type: application/json' "$@"; }
metric() { curl -s "$BASE/q/metrics" | awk -v m="$1" '$1 == m {print $2}'; }

seeded() { [ -n "${SEED:-}" ] && [ "$(su_psql -c "SELECT count(*) FROM pg_database WHERE datname = '$SEED'")" = 1 ]; }
copy_db() { su_psql -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" -c "CREATE DATABASE $2 TEMPLATE $1 OWNER xoal STRATEGY FILE_COPY"; }
start() {
  java -jar "$APP/quarkus-run.jar" >> "$OUT/service.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$BASE/q/health/ready"; do kill -0 $PID || { cat "$OUT/service.log"; exit 1; }; sleep 0.2; done
}
: > "$OUT/service.log"
trap 'kill $PID 2>/dev/null || true' EXIT
if seeded; then
  echo "== copying the data generated before from $SEED"
  copy_db "$SEED" xoal_segbench
  start
else
  start
  echo "== generating $CUSTOMERS customers and $EVENTS events (SQL, not measured)"
  t0=$(date +%s)
  db -v customers="$CUSTOMERS" -v events="$EVENTS" -f "$PWD/bench/segments/generate.sql"
  echo "generated in $(( $(date +%s) - t0 )) s"
  if [ -n "${SEED:-}" ]; then
    kill $PID; wait $PID 2>/dev/null || true
    copy_db xoal_segbench "$SEED"
    start
  fi
fi
echo "data: $(db -c "SELECT count(*) FROM events") events, $(db -c "SELECT count(*) FROM subject_event_daily") rollup rows"

# A segment's recompute time, server-side: refresh.finished_at - refresh.started_at, once it is done at this version.
await_refresh() { # id version -> ms
  local body
  while true; do
    body=$(api "$BASE/v1/segments/$1")
    if echo "$body" | grep -q "\"state\":\"done\",\"version\":$2,"; then break; fi
    sleep 0.05
  done
  echo "$body" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).refresh;console.log(Date.parse(r.finished_at)-Date.parse(r.started_at))})'
}
create() { api -X POST "$BASE/v1/segments" -d "{\"name\":\"$1\",\"definition\":$2}" | sed 's/^{"id":\([0-9]*\).*/\1/'; }

echo "== G3: hand-written SQL vs full recompute of 'purchase in the last 30 days'"
cp bench/segments/purchase_30d.sql /tmp/xoal_purchase_30d.sql; chmod 644 /tmp/xoal_purchase_30d.sql
HAND_COUNT=$(db -f /tmp/xoal_purchase_30d.sql)
hand=()
for r in $(seq 0 "$REPEATS"); do
  t=$(date +%s%N); db -f /tmp/xoal_purchase_30d.sql > /dev/null; ms=$(( ($(date +%s%N) - t) / 1000000 ))
  [ "$r" -gt 0 ] && hand+=( "$ms" )   # run 0 warms the cache
done
HAND_MED=$(printf '%s\n' "${hand[@]}" | median)
BUYERS=$(create buyers30 '{"performed":{"event":"purchase","window":{"days":30}}}')
COLD_MS=$(await_refresh "$BUYERS" 1)
OURS_COUNT=$(api "$BASE/v1/segments/$BUYERS/members/count" | sed 's/.*"count":\([0-9]*\).*/\1/')
echo "hand-written: $HAND_COUNT customers, ${hand[*]} ms; recompute (cold, inserting every member): $OURS_COUNT members, $COLD_MS ms"
[ "$HAND_COUNT" = "$OURS_COUNT" ] || echo "!! the segment and the hand-written SQL disagree"
ours=(); version=1
for r in $(seq 1 "$REPEATS"); do
  # The same answer under another spelling: a new version, recomputed in full, no transitions.
  if [ $((r % 2)) -eq 1 ]; then w='{"hours":720}'; else w='{"days":30}'; fi
  api -X PUT "$BASE/v1/segments/$BUYERS" -d "{\"name\":\"buyers30\",\"definition\":{\"performed\":{\"event\":\"purchase\",\"window\":$w}}}" > /dev/null
  version=$((version + 1))
  ours+=( "$(await_refresh "$BUYERS" $version)" )
done
OURS_MED=$(printf '%s\n' "${ours[@]}" | median)
echo "recompute (warm): ${ours[*]} ms"

echo "== G4: 20 segments, 10k new events"
defs=(
  '{"performed":{"event":"purchase","window":{"days":7}}}'
  '{"performed":{"event":"purchase","window":{"days":14}}}'
  '{"performed":{"event":"purchase","window":{"days":60}}}'
  '{"performed":{"event":"purchase","window":{"days":90}}}'
  '{"performed":{"event":"logged_in","window":{"days":7}}}'
  '{"performed":{"event":"feature_used","window":{"days":7}}}'
  '{"performed":{"event":"search","window":{"days":3}}}'
  '{"performed":{"event":"item_added","window":{"hours":12}}}'
  '{"performed":{"event":"page_viewed","count":{"op":"at_least","value":5},"window":{"days":30}}}'
  '{"performed":{"event":"purchase","count":{"op":"at_least","value":3},"window":{"days":90}}}'
  '{"performed":{"event":"purchase","where":[{"property":"amount","type":"number","op":"gte","value":400}],"window":{"days":30}}}'
  '{"not":{"performed":{"event":"purchase","window":{"days":30}}}}'
  '{"attribute":{"name":"plan","type":"string","op":"eq","value":"pro"}}'
  '{"tag":{"has":"VIP"}}'
  '{"and":[{"in_segment":{"id":'"$BUYERS"'}},{"attribute":{"name":"plan","type":"string","op":"eq","value":"team"}}]}'
  '{"or":[{"performed":{"event":"upgraded","window":{"days":30}}},{"performed":{"event":"trial_started","window":{"days":14}}}]}'
  '{"and":[{"tag":{"has":"VIP"}},{"not":{"performed":{"event":"logged_in","window":{"days":14}}}}]}'
  '{"performed":{"event":"checkout_started","count":{"op":"exactly","value":1},"window":{"days":30}}}'
  '{"attribute":{"name":"last_active","op":"less_than_ago","value":{"days":1}}}'
)
ids=( "$BUYERS" )
for i in "${!defs[@]}"; do ids+=( "$(create "s$i" "${defs[$i]}")" ); done
full=()
for id in "${ids[@]:1}"; do full+=( "$(await_refresh "$id" 1)" ); done
echo "first recompute of the other 19 segments (ms): ${full[*]}"
g4=(); g4wall=()
for r in $(seq 1 "$REPEATS"); do
  before=$(metric 'xoal_segments_work_duration_seconds_sum'); before=${before:-0}
  t=$(date +%s%N)
  node bench/load.mjs batch 10000 250 4 "$BASE/ingest/v1/event" "$ING" "g4-$r-$RANDOM" > /dev/null
  until [ "$(db -c 'SELECT count(*) FROM segment_work')" = "0" ]; do sleep 0.01; done
  g4wall+=( $(( ($(date +%s%N) - t) / 1000000 )) )
  sleep 0.3
  after=$(metric 'xoal_segments_work_duration_seconds_sum')
  g4+=( "$(awk "BEGIN {printf \"%d\", ($after - $before) * 1000}")" )
  echo "run $r: evaluation ${g4[-1]} ms server-side; ingest + evaluation wall ${g4wall[-1]} ms"
done
G4_MED=$(printf '%s\n' "${g4[@]}" | median)

echo "== E1: $E1_EVENTS events at full rate; evaluation throughput ÷ ingest throughput (REPEATS runs)"
queued() { db -c 'SELECT coalesce(sum(cardinality(usids)), 0) FROM segment_work'; }
e1=()
for r in $(seq 1 "$REPEATS"); do
  ( while true; do echo "$(date +%s) $(queued)"; sleep 5; done ) > "$OUT/e1-queue-$r.txt" &
  SAMPLER=$!
  t=$(date +%s%N)
  node bench/load.mjs batch "$E1_EVENTS" 250 4 "$BASE/ingest/v1/event" "$ING" "e1-$r-$RANDOM" > "$OUT/e1-ingest-$r.txt"
  ingest_ms=$(( ($(date +%s%N) - t) / 1000000 )); left=$(queued)
  until [ "$(db -c 'SELECT count(*) FROM segment_work')" = "0" ]; do sleep 0.05; done
  drained_ms=$(( ($(date +%s%N) - t) / 1000000 ))
  kill $SAMPLER 2>/dev/null || true; wait $SAMPLER 2>/dev/null || true
  e1+=( "$(awk "BEGIN {printf \"%.2f\", $ingest_ms / $drained_ms}")" )
  echo "run $r: ingest $(( E1_EVENTS * 1000 / ingest_ms )) ev/s over $ingest_ms ms; queue empty at $drained_ms ms" \
    "($left touched customers queued when ingest ended; queue every 5 s: $(awk '{printf "%s ", $2}' "$OUT/e1-queue-$r.txt")); E1 ${e1[-1]}"
done
E1_MED=$(printf '%s\n' "${e1[@]}" | median)

echo "== G7: event -> visible membership under concurrent batch ingest (REPEATS rounds of 200 probes)"
g7=()
for r in $(seq 1 "$REPEATS"); do
  node bench/load.mjs batch 600000 250 2 "$BASE/ingest/v1/event" "$ING" "bg-$r-$RANDOM" > "$OUT/g7-background-$r.txt" &
  BG=$!
  sleep 2
  res=$(node bench/load.mjs probe 200 "$BASE" "$ING" "$ADM" "$BUYERS")
  kill $BG 2>/dev/null || true; wait $BG 2>/dev/null || true
  echo "round $r: $res"
  g7+=( "$res" )
  until [ "$(db -c 'SELECT count(*) FROM segment_work')" = "0" ]; do sleep 0.1; done
done
G7_P99=$(printf '%s\n' "${g7[@]}" | sed 's/.*"p99ms":"\([0-9.]*\)".*/\1/' | median)
G7_P50=$(printf '%s\n' "${g7[@]}" | sed 's/.*"p50ms":"\([0-9.]*\)".*/\1/' | median)

echo "== ingest throughput: without vs with all 20 segments recomputed every 10 s"
without=(); with=()
for r in $(seq 1 "$REPEATS"); do
  res=$(node bench/load.mjs batch 200000 250 4 "$BASE/ingest/v1/event" "$ING" "wo-$r-$RANDOM")
  without+=( "$(echo "$res" | sed 's/.*"eventsPerSecond":\([0-9]*\).*/\1/')" )
  ( n=0; while true; do
      for i in "${!ids[@]}"; do
        [ "$i" -eq 0 ] && d='{"performed":{"event":"purchase","window":{"days":30}}}' || d=${defs[$((i - 1))]}
        api -X PUT "$BASE/v1/segments/${ids[$i]}" -d "{\"name\":\"$( [ "$i" -eq 0 ] && echo buyers30 || echo s$((i - 1)))\",\"description\":\"r$n\",\"definition\":{\"and\":[$d,{\"not\":{\"tag\":{\"has\":\"r$n\"}}}]}}" > /dev/null || true
      done
      n=$((n + 1)); sleep 10
    done ) &
  LOOP=$!
  res=$(node bench/load.mjs batch 200000 250 4 "$BASE/ingest/v1/event" "$ING" "wi-$r-$RANDOM")
  kill $LOOP 2>/dev/null || true; wait $LOOP 2>/dev/null || true
  with+=( "$(echo "$res" | sed 's/.*"eventsPerSecond":\([0-9]*\).*/\1/')" )
  echo "run $r: without ${without[-1]} ev/s, with recomputes ${with[-1]} ev/s"
  for id in "${ids[@]}"; do until api "$BASE/v1/segments/$id" | grep -q '"state":"done"'; do sleep 0.2; done; done
done
WITHOUT_MED=$(printf '%s\n' "${without[@]}" | median); WITH_MED=$(printf '%s\n' "${with[@]}" | median)

cat <<REPORT | tee "$OUT/summary.txt"

== Summary ($(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, PostgreSQL $(su_psql -c 'SHOW server_version'); $EVENTS events, $CUSTOMERS customers)
G3 recompute 'purchase in 30 days' (warm): ${OURS_MED} ms vs hand-written SQL ${HAND_MED} ms: ratio $(awk "BEGIN {printf \"%.2f\", $OURS_MED/$HAND_MED}") (goal <= 2 and <= 1500 ms); cold first recompute ${COLD_MS} ms; ${OURS_COUNT} members (hand-written: ${HAND_COUNT})
G4 20 segments after 10k new events: ${G4_MED} ms of evaluation; ratio to G3 $(awk "BEGIN {printf \"%.3f\", $G4_MED/$OURS_MED}") (goal <= 0.05 and <= 100 ms)
E1 evaluation throughput ÷ ingest throughput, $E1_EVENTS events at full rate, median of $REPEATS: ${E1_MED} (goal >= 1.0)
G7 event -> visible membership under ingest, median of $REPEATS rounds: p50 ${G7_P50} ms, p99 ${G7_P99} ms (goal p99 <= 1000 ms)
ingest while recomputing every 10 s: ${WITH_MED} vs ${WITHOUT_MED} ev/s: ratio $(awk "BEGIN {printf \"%.2f\", $WITH_MED/$WITHOUT_MED}") (goal >= 0.8)
REPORT

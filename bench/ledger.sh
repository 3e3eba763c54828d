#!/usr/bin/env bash
# Ledger read benchmark (issue 9, item 7): a segment with a long ledger (CUSTOMERS customers x PER
# transitions, ~1M by default, generated with SQL, see bench/ledger/generate.sql), then over HTTP,
# median of REPEATS warm requests each (one cold request first, not counted):
#   members?at=T (first page of 100), members/count?at=T, size over 180 days by day, size over 30 days by hour,
#   members?at= before the ledger starts (no member: the walk's worst case, one page)
# for this build and (with BEFORE_JAR=path/to/quarkus-run.jar of an earlier build) for that one, each
# on a fresh database of its own with the same data; prints medians in ms and before/after ratios.
# Usage: bench/ledger.sh   (env: CUSTOMERS, PER, REPEATS, BEFORE_JAR)
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-100000}
PER=${PER:-11}
REPEATS=${REPEATS:-7}
PORT=${PORT:-18083}
OUT=bench/out/ledger
mkdir -p "$OUT"
DB=xoal_bench_ledger
source bench/common.sh $DB

ms() { # url -> median ms of REPEATS warm requests
  curl -sf -o /dev/null -H "Authorization: Bearer $ADM" "$1" || { echo "failed: $1" >&2; exit 1; }
  for _ in $(seq 1 "$REPEATS"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $ADM" "$1"
  done | awk '{printf "%.1f\n", $1 * 1000}' | median
}

measure() { # name jar database -> appends "name figure ms" lines to $OUT/results.txt
  local name=$1 jar=$2 db=$3
  su_psql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER xoal"
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db \
    java -jar "$jar" > "$OUT/service-$name.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$BASE/q/health/ready"; do kill -0 $PID || { cat "$OUT/service-$name.log"; exit 1; }; sleep 0.2; done
  local seg
  seg=$(curl -sf -H "Authorization: Bearer $ADM" -H 'Content-Type: application/json' \
    -d '{"name": "long ledger", "status": "paused", "definition": {"performed": {"event": "purchase"}}}' "$BASE/v1/segments" \
    | sed 's/^{"id":\([0-9]*\).*/\1/')
  echo "== $name: generating $CUSTOMERS customers x $PER transitions for segment $seg (SQL, not measured)"
  su_psql -d "$db" -v segment="$seg" -v customers="$CUSTOMERS" -v per="$PER" -f "$PWD/bench/ledger/generate.sql"
  su_psql -d "$db" -c "VACUUM ANALYZE segment_transitions"
  echo "$(su_psql -d "$db" -c "SELECT count(*) FROM segment_transitions") transitions, $(su_psql -d "$db" -c "SELECT count(*) FROM segment_members") members now"
  local s="$BASE/v1/segments/$seg" t from
  t=$(date -u -d '-90 days' +%Y-%m-%dT%H:%M:%SZ)
  from=$(date -u -d '-180 days' +%Y-%m-%dT00:00:00Z)
  echo "$name members_at $(ms "$s/members?at=$t&limit=100")" >> "$OUT/results.txt"
  echo "$name count_at $(ms "$s/members/count?at=$t")" >> "$OUT/results.txt"
  echo "$name size_180d_daily $(ms "$s/size?from=$from&to=$(date -u +%Y-%m-%dT00:00:00Z)&interval=day")" >> "$OUT/results.txt"
  echo "$name size_30d_hourly $(ms "$s/size?from=$(date -u -d '-120 days' +%Y-%m-%dT00:00:00Z)&to=$(date -u -d '-90 days' +%Y-%m-%dT00:00:00Z)&interval=hour")" >> "$OUT/results.txt"
  echo "$name members_at_none $(ms "$s/members?at=$(date -u -d '-200 days' +%Y-%m-%dT%H:%M:%SZ)&limit=100")" >> "$OUT/results.txt"
  grep "^$name " "$OUT/results.txt"
  kill $PID; wait $PID 2>/dev/null || true
}
trap 'kill ${PID:-} 2>/dev/null || true' EXIT

: > "$OUT/results.txt"
if [ -n "${BEFORE_JAR:-}" ]; then
  measure before "$BEFORE_JAR" ${DB}_before
fi
measure after target/quarkus-app/quarkus-run.jar $DB

echo "== medians (ms) over $REPEATS warm requests; ratio = before / after"
for f in members_at count_at size_180d_daily size_30d_hourly members_at_none; do
  b=$(awk -v f=$f '$1 == "before" && $2 == f {print $3}' "$OUT/results.txt")
  a=$(awk -v f=$f '$1 == "after" && $2 == f {print $3}' "$OUT/results.txt")
  echo "$f before=${b:-n/a} after=$a ratio=$( [ -n "$b" ] && awk -v b="$b" -v a="$a" 'BEGIN {printf "%.1f", b / a}' || echo n/a)"
done | tee "$OUT/summary.txt"

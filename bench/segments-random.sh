#!/usr/bin/env bash
# The segment differential test (issue 9, item 9) with random seeds: runs SegmentDifferentialTest
# RUNS times, each with a new seed and a larger data set than CI's, and prints every seed with
# PASS or FAIL; a failing seed's disagreements (definition, customers, stage) are kept in
# bench/out/segments-random/seed-<seed>.txt, and the same command line with that seed replays it.
# Each run is bounded by TIMEOUT seconds (a run over it counts as FAIL).
# Usage: bench/segments-random.sh   (env: RUNS=5, CUSTOMERS=80, DEFINITIONS=60, ROUNDS=4, TIMEOUT=900, DB=xoal_segrandom)
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CUSTOMERS=${CUSTOMERS:-80}
DEFINITIONS=${DEFINITIONS:-60}
ROUNDS=${ROUNDS:-4}
TIMEOUT=${TIMEOUT:-900}
DB=${DB:-xoal_segrandom}
OUT=bench/out/segments-random
mkdir -p "$OUT"

(cd / && runuser -u postgres -- psql -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1) \
  || (cd / && runuser -u postgres -- psql -qc "CREATE DATABASE $DB OWNER xoal")
export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB
export QUARKUS_DATASOURCE_USERNAME=xoal QUARKUS_DATASOURCE_PASSWORD=xoal

failed=0
for run in $(seq 1 "$RUNS"); do
  seed=$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')
  args="-Ddifferential.seed=$seed -Ddifferential.customers=$CUSTOMERS -Ddifferential.definitions=$DEFINITIONS -Ddifferential.rounds=$ROUNDS"
  start=$(date +%s)
  if timeout "$TIMEOUT" ./mvnw -B -o -q test -Dtest=SegmentDifferentialTest $args > "$OUT/run-$seed.log" 2>&1; then
    result=PASS
  else
    result=FAIL
    failed=$((failed + 1))
    cp "target/differential/seed-$seed.txt" "$OUT/seed-$seed.txt" 2>/dev/null || true
  fi
  echo "run $run/$RUNS seed=$seed $result in $(( $(date +%s) - start )) s   (replay: ./mvnw -o test -Dtest=SegmentDifferentialTest $args)"
done
echo "$((RUNS - failed))/$RUNS passed"
[ "$failed" -eq 0 ]

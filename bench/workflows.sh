#!/usr/bin/env bash
# Workflow benchmark (issue 11), measured in ONE run. A round: a burst of CUSTOMERS signed_up events
# of new customers (batch ingest, 250/request, 4 connections) with no active workflow, then the same
# burst with the workflow active, which enrols every customer into
#   delay PT0S -> webhook to a local receiver (bench/workflows/receiver.mjs) -> STEP3 -> exit
# and the engine drains the round's runs before the next round. Per round:
#  steps/s: the round's step-log rows / (last finished_at - first started_at)
#  enrolment -> first step: run entered_at -> its first step-log finished_at (p50, p99); under a burst
#     this is mostly queueing behind the other runs of the burst
#  ingest throughput with the workflow active vs none (ratio, goal >= 0.8)
# Figures are medians of REPEATS rounds, after a warm-up burst (not measured).
# STEP3 is the third step's JSON, id "third", next "done"; the default is the issue's email step, sent
# to a sink SMTP server this script runs on 127.0.0.1:$SMTP_PORT (Debian python3-aiosmtpd, installed if
# missing; the service's mailer is pointed at it). STEP3='{"id":"third","type":"update","add_tag":"welcomed","next":"done"}'
# benches a database-only third step instead.
# The engine's own settings pass through (XOAL_WORKFLOWS_POLL_EVERY, XOAL_WORKFLOWS_BATCH,
# XOAL_WORKFLOWS_ROUNDS_PER_POLL, …): a poll runs rounds of one batch back to back while they are full.
# WARMUP (default CUSTOMERS) sizes the two unmeasured warm-up bursts.
# Usage: bench/workflows.sh   (env: CUSTOMERS, WARMUP, REPEATS, STEP3, RECEIVER_DELAY_MS, PORT, RECEIVER_PORT, SMTP_PORT)
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-100000}
WARMUP=${WARMUP:-$CUSTOMERS}
REPEATS=${REPEATS:-3}
PORT=${PORT:-18083}
RECEIVER_PORT=${RECEIVER_PORT:-18091}
SMTP_PORT=${SMTP_PORT:-18025}
RECEIVER_DELAY_MS=${RECEIVER_DELAY_MS:-0}
STEP3=${STEP3:-'{"id":"third","type":"email","subject":"Welcome {customer.first_name ?: '"'"'there'"'"'}","text":"Hi, your account is ready.","next":"done"}'}
OUT=bench/out/workflows
mkdir -p "$OUT"

/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-aiosmtpd >/dev/null; }
source bench/common.sh xoal_wfbench
db() { su_psql -d xoal_wfbench "$@"; }
api() { curl -sf -H "Authorization: Bearer $ADM" -H 'Content-Type: application/json' "$@"; }
export QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$SMTP_PORT
export XOAL_WEBHOOKS_SECRETS_KEY=${XOAL_WEBHOOKS_SECRETS_KEY:-$(head -c 32 /dev/urandom | base64)}

node bench/workflows/receiver.mjs "$RECEIVER_PORT" "$RECEIVER_DELAY_MS" > "$OUT/receiver.log" 2>&1 &
RECEIVER=$!
/usr/bin/python3 -m aiosmtpd -n -c aiosmtpd.handlers.Sink -l "127.0.0.1:$SMTP_PORT" > "$OUT/smtp.log" 2>&1 &
SMTP=$!
java -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID $RECEIVER $SMTP 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$BASE/q/health/ready"; do kill -0 $PID || { cat "$OUT/service.log"; exit 1; }; sleep 0.2; done
until curl -sf -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/stats"; do kill -0 $RECEIVER || { cat "$OUT/receiver.log"; exit 1; }; sleep 0.1; done
kill -0 $SMTP || { cat "$OUT/smtp.log"; exit 1; }

definition() { # status -> workflow body
  echo "{\"name\":\"welcome\",\"status\":\"$1\",\"definition\":{\"trigger\":{\"event\":\"signed_up\"},\"steps\":[
    {\"id\":\"wait\",\"type\":\"delay\",\"duration\":\"PT0S\",\"next\":\"hook\"},
    {\"id\":\"hook\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"next\":\"third\"},
    $STEP3,
    {\"id\":\"done\",\"type\":\"exit\"}]}}"
}
WF=$(api -X POST "$BASE/v1/workflows" -d "$(definition paused)" | sed 's/^{"id":\([0-9]*\).*/\1/')
status() { api -X PUT "$BASE/v1/workflows/$WF" -d "$(definition "$1")" > /dev/null; }
burst() { # tag [count] -> RATE, events/s
  local res
  res=$(node bench/load.mjs batch "${2:-$CUSTOMERS}" 250 4 "$BASE/ingest/v1/event" "$ING" "$1" signups)
  echo "$res" | grep -q '"failedRequests":0' || { echo "!! failed requests: $res" >&2; exit 1; }
  RATE=$(echo "$res" | sed 's/.*"eventsPerSecond":\([0-9]*\).*/\1/')
}
drain() { # expected runs: waits until every run is finished and the inbox empty; gives up after 120 s without progress
  local done=-1 last=-1 since
  since=$(date +%s)
  while true; do
    done=$(db -c "SELECT count(*) FROM workflow_runs WHERE finished_at IS NOT NULL")
    if [ "$done" -ge "$1" ] && [ "$(db -c 'SELECT count(*) FROM workflow_inbox')" = "0" ]; then return; fi
    if [ "$done" != "$last" ]; then last=$done; since=$(date +%s); fi
    [ $(( $(date +%s) - since )) -lt 120 ] || { echo "!! no run finished for 120 s ($done of $1)" >&2; exit 1; }
    sleep 0.5
  done
}

echo "== warm-up (not measured): a burst without and one with the workflow, drained"
burst "warm-wo" "$WARMUP"
status active
burst "warm-wi" "$WARMUP"
drain "$WARMUP"

without=(); with=(); rates=(); p50s=(); p99s=()
for r in $(seq 1 "$REPEATS"); do
  status paused
  burst "wo-$r-$RANDOM"; without+=( "$RATE" )
  before=$(db -c "SELECT coalesce(max(id), 0) FROM workflow_runs")
  status active
  burst "wi-$r-$RANDOM"; with+=( "$RATE" )
  drain $(( WARMUP + r * CUSTOMERS ))
  read -r runs failed steps rate p50 p99 < <(db -F ' ' -c "
    WITH runs AS (SELECT workspace_id, id, entered_at, state FROM workflow_runs WHERE id > $before),
         firsts AS (SELECT r.id, min(l.finished_at) - r.entered_at AS lag FROM runs r
                    JOIN workflow_step_log l ON l.workspace_id = r.workspace_id AND l.run_id = r.id GROUP BY r.id, r.entered_at),
         steps AS (SELECT count(*) AS n, extract(epoch FROM max(l.finished_at) - min(l.started_at)) AS s
                   FROM workflow_step_log l JOIN runs r ON l.workspace_id = r.workspace_id AND l.run_id = r.id)
    SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM runs WHERE state <> 'completed'), n, round(n / s),
           (SELECT round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY lag)) * 1000) FROM firsts),
           (SELECT round(extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY lag)) * 1000) FROM firsts)
    FROM steps")
  [ "$runs" = "$CUSTOMERS" ] && [ "$failed" = "0" ] || echo "!! round $r: $runs runs, $failed not completed"
  rates+=( "$rate" ); p50s+=( "$p50" ); p99s+=( "$p99" )
  echo "round $r: ingest without ${without[-1]} ev/s, with ${with[-1]} ev/s; $runs runs, $steps steps at $rate steps/s;" \
    "enrolment -> first step p50 $p50 ms, p99 $p99 ms; receiver $(curl -s "http://127.0.0.1:$RECEIVER_PORT/stats")"
done
WITHOUT_MED=$(printf '%s\n' "${without[@]}" | median); WITH_MED=$(printf '%s\n' "${with[@]}" | median)
RATE_MED=$(printf '%s\n' "${rates[@]}" | median)
P50_MED=$(printf '%s\n' "${p50s[@]}" | median); P99_MED=$(printf '%s\n' "${p99s[@]}" | median)

cat <<REPORT | tee "$OUT/summary.txt"

== Summary ($(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, PostgreSQL $(su_psql -c 'SHOW server_version'); $CUSTOMERS customers per burst, median of $REPEATS rounds)
workflow: delay PT0S -> webhook (receiver delay ${RECEIVER_DELAY_MS} ms) -> $(echo "$STEP3" | sed 's/.*"type":"\([a-z_]*\)".*/\1/') -> exit
steps: ${RATE_MED} steps/s (step-log rows of a round over its first start to last finish)
enrolment -> first step: p50 ${P50_MED} ms, p99 ${P99_MED} ms (run entered_at -> first step-log finished_at)
ingest with the workflow active: ${WITH_MED} vs ${WITHOUT_MED} ev/s with none: ratio $(awk "BEGIN {printf \"%.2f\", $WITH_MED/$WITHOUT_MED}") (goal >= 0.8)
REPORT

package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;

import java.time.Instant;
import java.util.Arrays;

/**
 * The end of one step attempt in ONE statement: the run's new state and the step-log row, both
 * only if the run still carries this replica's lease token. The answer is whether it did.
 */
public final class RunAdvance {

    private static final String ADVANCE = """
            WITH r AS (
              UPDATE workflow_runs
              SET state = $4, step_id = coalesce($5::text, step_id),
                  step_seq = step_seq + CASE WHEN $5::text IS NULL THEN 0 ELSE 1 END,
                  attempt = CASE WHEN $5::text IS NULL THEN attempt ELSE 0 END, due_at = coalesce($6::timestamptz, due_at),
                  lease_token = NULL, lease_until = NULL, leased_by = NULL,
                  finished_at = CASE WHEN $4 IN ('completed', 'failed') THEN $7::timestamptz END,
                  exit_reason = $8::text, last_error = $9::text
              WHERE workspace_id = $1 AND id = $2 AND lease_token = $3
              RETURNING workspace_id, id)
            INSERT INTO workflow_step_log (workspace_id, run_id, step_seq, attempt, step_id, started_at, finished_at, outcome, error, detail)
            SELECT workspace_id, id, $10, $11, $12, $13::timestamptz, $7::timestamptz, $14, $9::text, $15::text::jsonb FROM r""";

    /** How an attempt ended: the run's next state, the step it goes to (null: stays), when it is due, what to log. */
    public record Outcome(String state, String nextStep, Instant dueAt, String exitReason, String error, String logOutcome,
                          String detail) {

        public static Outcome advance(String next, Instant due, String logOutcome, String detail) {
            return new Outcome("ready", next, due, null, null, logOutcome, detail);
        }

        public static Outcome complete(String reason) {
            return new Outcome("completed", null, null, reason, null, "completed", null);
        }

        public static Outcome retry(Instant due, String error, String detail) {
            return new Outcome("ready", null, due, null, error, "retry", detail);
        }

        public static Outcome fail(String error, String detail) {
            return new Outcome("failed", null, null, null, error, "failed", detail);
        }
    }

    private RunAdvance() {
    }

    /** True when the run was still ours and moved on; false when another replica holds it now. */
    public static Uni<Boolean> apply(SqlClient client, ClaimedRun run, Outcome outcome, Instant now) {
        return client.preparedQuery(ADVANCE).execute(Tuple.tuple(Arrays.asList(run.workspaceId(), run.id(), run.leaseToken(),
                        outcome.state(), outcome.nextStep(), outcome.dueAt() == null ? null : Instants.utc(outcome.dueAt()), Instants.utc(now), outcome.exitReason(),
                        outcome.error(), run.stepSeq(), run.attempt(), run.stepId(), Instants.utc(run.claimedAt()),
                        outcome.logOutcome(), outcome.detail())))
                .map(rows -> rows.rowCount() == 1);
    }
}

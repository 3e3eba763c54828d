package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.SqlParams;

import java.time.Instant;

/**
 * The end of one step attempt in ONE statement: the run's new state and the step-log row, both
 * only if the run still carries this replica's lease token. The answer is whether it did. A
 * database step may add to the statement ({@link Sql}): a chosen next step computed in SQL and
 * effects (CTEs that read {@code r}, the advanced run, so that they happen iff the advance did).
 */
public final class RunAdvance {

    /** How an attempt ended: the run's next state, the step it goes to (null: stays), when it is due, what to log. */
    public record Outcome(String state, String nextStep, Instant dueAt, String exitReason, String error, String logOutcome,
                          String detail, String waitName, String waitMatch) {

        public static Outcome advance(String next, Instant due, String logOutcome, String detail) {
            return new Outcome("ready", next, due, null, null, logOutcome, detail, null, null);
        }

        public static Outcome complete(String reason) {
            return new Outcome("completed", null, null, reason, null, "completed", null, null, null);
        }

        public static Outcome retry(Instant due, String error, String detail) {
            return new Outcome("ready", null, due, null, error, "retry", detail, null, null);
        }

        public static Outcome fail(String error, String detail) {
            return new Outcome("failed", null, null, null, error, "failed", detail, null, null);
        }

        /** At the step until an event named {@code name} matching {@code match} (jsonb text), or until {@code timeout}. */
        public static Outcome waiting(Instant timeout, String name, String match, String detail) {
            return new Outcome("waiting", null, timeout, null, null, "waiting", detail, name, match);
        }
    }

    /**
     * What a step adds to the statement, its values bound in the same {@link SqlParams}: {@code next}, a text
     * expression for the next step (null: the outcome's), {@code detail}, a jsonb expression for the log's detail
     * (null: the outcome's; {@code (SELECT next FROM pick)} is the chosen step), and {@code effects}, CTEs ({@code name AS (...)}, comma separated) reading {@code r}.
     */
    public record Sql(SqlParams params, String next, String detail, String effects) {
    }

    private RunAdvance() {
    }

    /** True when the run was still ours and moved on; false when another replica holds it now. */
    public static Uni<Boolean> apply(SqlClient client, ClaimedRun run, Outcome outcome, Instant now) {
        return apply(client, run, outcome, now, new Sql(new SqlParams(), null, null, null));
    }

    /** As {@link #apply(SqlClient, ClaimedRun, Outcome, Instant)}, with what the step adds to the statement. */
    public static Uni<Boolean> apply(SqlClient client, ClaimedRun run, Outcome outcome, Instant now, Sql sql) {
        SqlParams p = sql.params();
        // A computed next step is evaluated once, in its own CTE.
        String pick = sql.next() == null ? "" : "pick AS (SELECT " + sql.next() + " AS next),\n";
        String next = sql.next() != null ? "(SELECT next FROM pick)" : p.add(outcome.nextStep(), "text");
        String at = p.add(Instants.utc(now), "timestamptz");
        String state = p.add(outcome.state(), "text");
        String error = p.add(outcome.error(), "text");
        String statement = "WITH " + pick + "r AS (\n"
                + "  UPDATE workflow_runs SET state = " + state + ", step_id = coalesce(" + next + ", step_id),\n"
                + "    step_seq = step_seq + CASE WHEN " + next + " IS NULL THEN 0 ELSE 1 END,\n"
                + "    attempt = CASE WHEN " + next + " IS NULL THEN attempt ELSE 0 END,\n"
                + "    due_at = coalesce(" + p.add(outcome.dueAt() == null ? null : Instants.utc(outcome.dueAt()), "timestamptz") + ", due_at),\n"
                + "    lease_token = NULL, lease_until = NULL, leased_by = NULL,\n"
                + "    finished_at = CASE WHEN " + state + " IN ('completed', 'failed', 'exited') THEN " + at + " END,\n"
                + "    exit_reason = " + p.add(outcome.exitReason(), "text") + ", last_error = " + error + ",\n"
                + "    wait_name = " + p.add(outcome.waitName(), "text") + ", wait_match = " + p.add(outcome.waitMatch(), "text") + "::jsonb\n"
                + "  WHERE workspace_id = " + p.add(run.workspaceId(), "bigint") + " AND id = " + p.add(run.id(), "bigint")
                + " AND lease_token = " + p.add(run.leaseToken(), "uuid") + "\n"
                + "  RETURNING workspace_id, id, subject_id)"
                + (sql.effects() == null ? "" : ",\n" + sql.effects()) + "\n"
                + "INSERT INTO workflow_step_log (workspace_id, run_id, step_seq, attempt, step_id, started_at, finished_at, outcome, error, detail)\n"
                + "SELECT workspace_id, id, " + p.add(run.stepSeq(), "int") + ", " + p.add(run.attempt(), "int") + ", "
                + p.add(run.stepId(), "text") + ", " + p.add(Instants.utc(run.claimedAt()), "timestamptz") + ", " + at + ", "
                + p.add(outcome.logOutcome(), "text") + ", " + error + ", "
                + (sql.detail() != null ? sql.detail() : p.add(outcome.detail(), "text") + "::jsonb") + " FROM r";
        return client.preparedQuery(statement).execute(p.tuple())
                .map(rows -> rows.rowCount() == 1)
                .invoke(ours -> {
                    if (ours) {
                        StepThroughput.logged(client, run.step().type(), outcome.logOutcome());
                    }
                });
    }
}

package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;

import java.time.Instant;

/**
 * Waits whose timeout passed ({@code due_at}) move to their {@code timeout_next} step, due now, with
 * their step-log row, in one statement; any replica may run it, skipping rows another holds.
 */
final class WaitTimeouts {

    private static final String TIME_OUT = """
            WITH d AS (
              SELECT workspace_id, id, step_seq, attempt, step_id FROM workflow_runs
              WHERE state = 'waiting' AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED),
            x AS (
              UPDATE workflow_runs r SET state = 'ready', step_id = r.wait_match ->> 'timeout_next', step_seq = r.step_seq + 1,
                                         attempt = 0, due_at = $1, wait_name = NULL, wait_match = NULL
              FROM d WHERE r.workspace_id = d.workspace_id AND r.id = d.id
              RETURNING d.*)
            INSERT INTO workflow_step_log (workspace_id, run_id, step_seq, attempt, step_id, started_at, finished_at, outcome)
            SELECT workspace_id, id, step_seq, attempt + 1, step_id, $1, $1, 'timed_out' FROM x""";

    private WaitTimeouts() {
    }

    static Uni<Integer> sweep(Pool pool, Instant now, int batch) {
        return pool.preparedQuery(TIME_OUT).execute(Tuple.of(Instants.utc(now), batch)).map(rows -> rows.rowCount());
    }
}

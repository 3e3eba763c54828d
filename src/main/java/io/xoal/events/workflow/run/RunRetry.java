package io.xoal.events.workflow.run;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * A failed run retried by hand: it is due again at the step it failed on, with the same step
 * sequence, so a webhook step keeps its delivery id. It gets one more attempt (attempts keep
 * counting: when it fails again it is failed again, and can be retried again).
 */
@ApplicationScoped
public class RunRetry {

    private static final String RETRY = """
            UPDATE workflow_runs SET state = 'ready', due_at = $3, finished_at = NULL
            WHERE workspace_id = $1 AND id = $2 AND state = 'failed' RETURNING id""";

    private final Pool pool;
    private final RunReads reads;
    private final Clock clock;

    public RunRetry(Pool pool, RunReads reads, Clock clock) {
        this.pool = pool;
        this.reads = reads;
        this.clock = clock;
    }

    /** The run, now ready; 404 when there is no such run, 409 when it has not failed. */
    public Uni<RunViews.RunView> retry(long workspace, long id) {
        return pool.preparedQuery(RETRY).execute(Tuple.of(workspace, id, Instants.utc(clock.instant())))
                .chain(rows -> rows.size() == 1
                        ? reads.one(workspace, id)
                        : reads.one(workspace, id).invoke(run -> {
                            throw ProblemException.conflict("Workflow run " + id + " is " + run.state() + "; only a failed run can be retried");
                        }));
    }
}

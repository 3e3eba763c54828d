package io.xoal.events.workflow.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A workflow's analytics in two statements: the runs active now, and per UTC bucket of the window
 * the runs entered (by {@code entered_at}), finished (by {@code finished_at}: completed, exited by
 * the goal, failed) and the sends of the step log ({@code sent}, {@code failed}), each read through
 * its own index (V17); buckets without any are zeros.
 */
@ApplicationScoped
public class WorkflowStats {

    private static final String ACTIVE = """
            SELECT (SELECT count(*) FROM workflow_runs r WHERE r.workspace_id = $1 AND r.workflow_id = $2
                      AND r.state IN ('ready', 'running', 'waiting')) AS active
            FROM workflows w WHERE w.workspace_id = $1 AND w.id = $2""";

    private static final String SERIES = """
            WITH b AS (
              SELECT generate_series(date_trunc($5::text, $3::timestamptz AT TIME ZONE 'UTC'),
                                     $4::timestamptz AT TIME ZONE 'UTC' - interval '1 microsecond', ('1 ' || $5::text)::interval) AS t),
            entered AS (
              SELECT date_trunc($5, entered_at AT TIME ZONE 'UTC') AS t, count(*) AS n FROM workflow_runs
              WHERE workspace_id = $1 AND workflow_id = $2 AND entered_at >= $3 AND entered_at < $4 GROUP BY 1),
            finished AS (
              SELECT date_trunc($5, finished_at AT TIME ZONE 'UTC') AS t, count(*) FILTER (WHERE state = 'completed') AS completed,
                     count(*) FILTER (WHERE state = 'exited' AND exit_reason = 'goal') AS exited,
                     count(*) FILTER (WHERE state = 'failed') AS failed
              FROM workflow_runs
              WHERE workspace_id = $1 AND workflow_id = $2 AND finished_at >= $3 AND finished_at < $4 GROUP BY 1),
            sends AS (
              SELECT date_trunc($5, l.finished_at AT TIME ZONE 'UTC') AS t, count(*) FILTER (WHERE l.outcome = 'sent') AS sent,
                     count(*) FILTER (WHERE l.outcome = 'failed') AS failed
              FROM workflow_step_log l JOIN workflow_runs r ON r.workspace_id = l.workspace_id AND r.id = l.run_id
              WHERE l.workspace_id = $1 AND r.workflow_id = $2 AND l.outcome IN ('sent', 'failed')
                AND l.finished_at >= $3 AND l.finished_at < $4 GROUP BY 1)
            SELECT b.t AT TIME ZONE 'UTC' AS start, coalesce(entered.n, 0) AS entered, coalesce(finished.completed, 0) AS completed,
                   coalesce(finished.exited, 0) AS exited, coalesce(finished.failed, 0) AS failed,
                   coalesce(sends.sent, 0) AS sent, coalesce(sends.failed, 0) AS send_failed
            FROM b LEFT JOIN entered USING (t) LEFT JOIN finished USING (t) LEFT JOIN sends USING (t)
            ORDER BY b.t""";

    private final Pool pool;

    public WorkflowStats(Pool pool) {
        this.pool = pool;
    }

    /** 404 when the workflow is not the workspace's. */
    public Uni<StatsViews.Stats> stats(long workspace, long workflow, StatsWindow window) {
        return pool.preparedQuery(ACTIVE).execute(Tuple.of(workspace, workflow))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No workflow " + workflow + " in this workspace");
                    }
                    return rows.iterator().next().getLong("active");
                })
                .chain(active -> pool.preparedQuery(SERIES)
                        .execute(Tuple.of(workspace, workflow, Instants.utc(window.from()), Instants.utc(window.to()), window.bucket()))
                        .map(rows -> {
                            List<StatsViews.Bucket> series = rows.stream().map(WorkflowStats::bucket).toList();
                            StatsViews.Counts totals = series.stream().map(StatsViews.Bucket::counts)
                                    .reduce(new StatsViews.Counts(0, 0, 0, 0, 0, 0), StatsViews.Counts::plus);
                            return new StatsViews.Stats(workflow, window.from(), window.to(), window.bucket(), totals, active, series);
                        }));
    }

    private static StatsViews.Bucket bucket(Row row) {
        return new StatsViews.Bucket(row.getOffsetDateTime("start").toInstant(), new StatsViews.Counts(row.getLong("entered"),
                row.getLong("completed"), row.getLong("exited"), row.getLong("failed"), row.getLong("sent"), row.getLong("send_failed")));
    }
}

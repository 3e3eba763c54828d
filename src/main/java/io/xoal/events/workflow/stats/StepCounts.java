package io.xoal.events.workflow.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per step of a workflow: the runs at it now (ready, running or waiting there), and the step-log
 * attempts by outcome of the runs that entered in the window. One statement: the runs through
 * {@code workflow_runs_entered}, their log by its primary key, the active runs through
 * {@code workflow_runs_active_workflow}.
 */
@ApplicationScoped
public class StepCounts {

    private static final String COUNTS = """
            WITH runs AS (SELECT r.id FROM workflow_runs r
                          WHERE r.workspace_id = $1 AND r.workflow_id = $2 AND r.entered_at >= $3 AND r.entered_at < $4)
            SELECT l.step_id, l.outcome AS what, count(*) AS n, false AS active
            FROM runs JOIN workflow_step_log l ON l.workspace_id = $1 AND l.run_id = runs.id GROUP BY l.step_id, l.outcome
            UNION ALL
            SELECT r.step_id, r.state, count(*), true FROM workflow_runs r
            WHERE r.workspace_id = $1 AND r.workflow_id = $2 AND r.state IN ('ready', 'running', 'waiting') GROUP BY r.step_id, r.state""";

    private final Pool pool;

    public StepCounts(Pool pool) {
        this.pool = pool;
    }

    /** One step's counts: active runs at it by state, and attempts by outcome (both sorted by name). */
    public record StepCount(String stepId, Map<String, Long> active, Map<String, Long> outcomes) {
    }

    /** The counts of the steps that have any, by step id; a step without runs or attempts is absent. */
    public Uni<Map<String, StepCount>> of(long workspace, long workflow, StatsWindow window) {
        return pool.preparedQuery(COUNTS)
                .execute(Tuple.of(workspace, workflow, Instants.utc(window.from()), Instants.utc(window.to())))
                .map(rows -> {
                    Map<String, StepCount> steps = new LinkedHashMap<>();
                    for (Row row : rows) {
                        StepCount step = steps.computeIfAbsent(row.getString("step_id"),
                                id -> new StepCount(id, new TreeMap<>(), new TreeMap<>()));
                        (row.getBoolean("active") ? step.active() : step.outcomes()).put(row.getString("what"), row.getLong("n"));
                    }
                    return steps;
                });
    }
}

package io.xoal.events.workflow.engine;

/**
 * Signals in the ingest flush's transaction: a CTE of the flush's events statement copies each
 * customer event that one of the customer's active runs waits for ({@code wait_name}, by the
 * partial index on waiting runs) or that is the goal of an active run's workflow version into
 * {@code workflow_signals}, from which the inbox → runs transaction wakes waits and applies goals
 * ({@link SignalIntake}). A customer without active runs costs one index probe and writes nothing.
 */
public final class WorkflowSignals {

    private WorkflowSignals() {
    }

    /** A CTE over {@code e} (the inserted events, as for {@link WorkflowEnrolment#cte}); older events than the cutoff signal nothing. */
    public static String cte(String cutoffParam) {
        return """
                signal AS (
                  INSERT INTO workflow_signals (workspace_id, subject_id, event_id, name, payload, created_at)
                  SELECT e.workspace_id, e.subject_id, e.id, e.name, %s, now()
                  FROM e
                  WHERE e.subject_kind = 'customer' AND e.occurred_at >= %s
                    AND EXISTS (SELECT 1 FROM workflow_runs r
                                JOIN workflow_versions v ON v.workspace_id = r.workspace_id AND v.workflow_id = r.workflow_id
                                                        AND v.version = r.version
                                WHERE r.workspace_id = e.workspace_id AND r.subject_id = e.subject_id
                                  AND r.state IN ('ready', 'running', 'waiting')
                                  AND (r.wait_name = e.name OR v.definition #>> '{goal,event}' = e.name)))"""
                .formatted(WorkflowEnrolment.PAYLOAD, cutoffParam);
    }
}

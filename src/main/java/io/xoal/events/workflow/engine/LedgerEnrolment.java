package io.xoal.events.workflow.engine;

/**
 * Workflows in the segment ledger's statement: the CTEs that the statement writing a segment's
 * transitions adds (whichever path evaluated it: event-driven, window sweep, full recompute), so
 * that a transition and what it starts or ends commit together. A transition of a segment that an
 * active workflow's current version triggers on ({@code entered} or {@code left}) is copied into
 * {@code workflow_inbox}, keyed by the transition; an entry into a segment that is the goal of one
 * of the customer's active runs is copied into {@code workflow_signals}, from which the inbox → runs
 * transaction exits those runs ({@link SignalIntake}). With no such workflow both insert nothing,
 * after one index probe per transition.
 */
public final class LedgerEnrolment {

    /** The jsonb a run keeps of a transition of {@code l} as its trigger event: same shape as an event's. */
    static final String PAYLOAD = "jsonb_build_object('id', NULL, 'message_id', NULL, "
            + "'name', CASE WHEN l.entered THEN 'segment_entered' ELSE 'segment_left' END, 'occurred_at', l.at, "
            + "'properties', jsonb_build_object('segment_id', l.segment_id, 'transition_id', l.id, 'cause', l.cause))";

    private LedgerEnrolment() {
    }

    /**
     * CTEs (comma separated, no leading comma) over {@code ledger}, a CTE of the inserted transitions
     * returning {@code id, workspace_id, segment_id, usid, entered, at, cause}.
     */
    public static String ctes(String ledger) {
        return """
                segment_enrol AS (
                  INSERT INTO workflow_inbox (workspace_id, workflow_id, version, subject_id, enrol_key, payload, created_at)
                  SELECT l.workspace_id, w.id, v.version, l.usid, 'transition:' || l.id, %1$s, now()
                  FROM %2$s l
                  JOIN workflow_versions v ON v.workspace_id = l.workspace_id AND v.trigger_segment_id = l.segment_id
                                          AND v.trigger_on = CASE WHEN l.entered THEN 'entered' ELSE 'left' END
                  JOIN workflows w ON w.workspace_id = v.workspace_id AND w.id = v.workflow_id AND w.status = 'active'
                                  AND w.current_version = v.version),
                segment_goal AS (
                  INSERT INTO workflow_signals (workspace_id, subject_id, segment_id, transition_id, payload, created_at)
                  SELECT l.workspace_id, l.usid, l.segment_id, l.id, %1$s, now()
                  FROM %2$s l
                  WHERE l.entered
                    AND EXISTS (SELECT 1 FROM workflow_versions v
                                JOIN workflow_runs r ON r.workspace_id = v.workspace_id AND r.workflow_id = v.workflow_id
                                                    AND r.version = v.version AND r.subject_id = l.usid
                                                    AND r.state IN ('ready', 'running', 'waiting')
                                WHERE v.workspace_id = l.workspace_id AND v.goal_segment_id = l.segment_id))"""
                .formatted(PAYLOAD, ledger);
    }
}

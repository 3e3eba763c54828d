package io.xoal.events.workflow.engine;

import java.util.List;

/**
 * What happens to workflow runs when their customer is deleted or merged, in that transaction.
 * Deleted: their runs (with deliveries and step log, by cascade), queued enrolments and signals go — both
 * hold the trigger event's properties, and a run left behind would go on sending webhooks about
 * someone deleted; a send already on the wire finds no run to record on; so does their
 * re-entry record ({@code workflow_subjects}). Merged: they move to the target customer and carry
 * on, and the target's re-entry record adds up the sources'.
 */
public final class WorkflowSubjects {

    /** The sources' entries and active runs add up on the target's row: the policies see one customer. */
    private static final String SUBJECTS_MOVED = """
            , gone AS (
              DELETE FROM workflow_subjects x USING m WHERE x.workspace_id = m.w AND x.subject_id = m.f
              RETURNING x.workspace_id, x.workflow_id, m.t, x.version, x.entries, x.active, x.last_entered_at)
            INSERT INTO workflow_subjects AS x (workspace_id, workflow_id, subject_id, version, entries, active, last_entered_at)
            SELECT workspace_id, workflow_id, t, max(version), sum(entries), sum(active), max(last_entered_at)
            FROM gone GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (workspace_id, workflow_id, subject_id) DO UPDATE
              SET version = greatest(x.version, excluded.version), entries = x.entries + excluded.entries,
                  active = x.active + excluded.active, last_entered_at = greatest(x.last_entered_at, excluded.last_entered_at)""";

    private WorkflowSubjects() {
    }

    /** For the subjects of {@code targets}: a subquery of rows {@code (w workspace, k kind, s subject id)}. */
    public static List<String> erased(String targets) {
        return List.of(
                "DELETE FROM workflow_runs r USING (%s) d WHERE d.k = 'customer' AND r.workspace_id = d.w AND r.subject_id = d.s"
                        .formatted(targets),
                "DELETE FROM workflow_inbox i USING (%s) d WHERE d.k = 'customer' AND i.workspace_id = d.w AND i.subject_id = d.s"
                        .formatted(targets),
                "DELETE FROM workflow_signals i USING (%s) d WHERE d.k = 'customer' AND i.workspace_id = d.w AND i.subject_id = d.s"
                        .formatted(targets),
                "DELETE FROM workflow_subjects i USING (%s) d WHERE d.k = 'customer' AND i.workspace_id = d.w AND i.subject_id = d.s"
                        .formatted(targets));
    }

    /** After {@code moves}, a WITH clause defining {@code m(w workspace, f source usid, t target usid)}. */
    public static List<String> moved(String moves) {
        return List.of(
                moves + "UPDATE workflow_runs r SET subject_id = m.t FROM m WHERE r.workspace_id = m.w AND r.subject_id = m.f",
                moves + "UPDATE workflow_inbox i SET subject_id = m.t FROM m WHERE i.workspace_id = m.w AND i.subject_id = m.f",
                moves + "UPDATE workflow_signals i SET subject_id = m.t FROM m WHERE i.workspace_id = m.w AND i.subject_id = m.f",
                moves + SUBJECTS_MOVED);
    }
}

package io.xoal.events.workflow.engine;

import java.util.List;

/**
 * What happens to workflow runs when their customer is deleted or merged, in that transaction.
 * Deleted: their runs (with deliveries and step log, by cascade), queued enrolments and signals go — both
 * hold the trigger event's properties, and a run left behind would go on sending webhooks about
 * someone deleted; a send already on the wire finds no run to record on. Merged: they move to
 * the target customer and carry on.
 */
public final class WorkflowSubjects {

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
                        .formatted(targets));
    }

    /** After {@code moves}, a WITH clause defining {@code m(w workspace, f source usid, t target usid)}. */
    public static List<String> moved(String moves) {
        return List.of(
                moves + "UPDATE workflow_runs r SET subject_id = m.t FROM m WHERE r.workspace_id = m.w AND r.subject_id = m.f",
                moves + "UPDATE workflow_inbox i SET subject_id = m.t FROM m WHERE i.workspace_id = m.w AND i.subject_id = m.f",
                moves + "UPDATE workflow_signals i SET subject_id = m.t FROM m WHERE i.workspace_id = m.w AND i.subject_id = m.f");
    }
}

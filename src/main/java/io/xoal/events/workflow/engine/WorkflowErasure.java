package io.xoal.events.workflow.engine;

import java.util.List;

/**
 * What deleting a customer removes of workflows, in the deleting transaction: their runs (with
 * their deliveries and step log, by cascade) and their queued enrolments — both hold the trigger
 * event's properties, and a run left behind would go on sending webhooks about someone deleted.
 * A send already on the wire finds no run to record on, and advances nothing.
 */
public final class WorkflowErasure {

    private WorkflowErasure() {
    }

    /** The statements for the subjects of {@code targets}: a subquery of rows {@code (w workspace, k kind, s subject id)}. */
    public static List<String> statements(String targets) {
        return List.of(
                "DELETE FROM workflow_runs r USING (%s) d WHERE d.k = 'customer' AND r.workspace_id = d.w AND r.subject_id = d.s"
                        .formatted(targets),
                "DELETE FROM workflow_inbox i USING (%s) d WHERE d.k = 'customer' AND i.workspace_id = d.w AND i.subject_id = d.s"
                        .formatted(targets));
    }
}

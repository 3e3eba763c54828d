package io.xoal.events.workflow.preview;

import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.definition.WorkflowDefinition;

import java.time.Instant;
import java.util.List;

/**
 * Who a trigger would have enrolled from stored history: SQL yielding one row per run, after the
 * enrolment key and re-entry de-duplicate, with columns {@code k} (the key), {@code subject_id},
 * {@code trig_at} (when the run enters), {@code props} (the trigger's properties, jsonb) and {@code id} (the order among
 * runs entering at the same time). One
 * implementation per trigger kind; {@link #of} picks it, and a kind without one answers 422.
 */
interface EnrolmentSource {

    /** A query (no trailing semicolon) over the window; every value bound in {@code params}. */
    String runs(SqlParams params, String workspace, PreviewWindow window, Instant now);

    static EnrolmentSource of(WorkflowDefinition definition) {
        if (definition.triggerEvent() != null) {
            return new EventEnrolment(definition);
        }
        if (definition.trigger().kind() == WorkflowDefinition.TriggerKind.SEGMENT) {
            return new TransitionEnrolment(definition);
        }
        throw new ProblemException(422, "Unprocessable Content", "A dry run replays stored events and segment transitions;"
                + " API calls are not stored, so an API trigger cannot be previewed",
                List.of(), null);
    }
}

package io.xoal.events.workflow.preview;

import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.definition.WorkflowDefinition;

import java.time.Instant;

/**
 * A segment trigger over stored history: the segment's ledger transitions in the window in the
 * trigger's direction, keyed as enrolment keys them ({@code transition:} each, {@code customer:}
 * for {@code reentry: once}), with the properties a live run gets ({@code segment_id},
 * {@code transition_id}, {@code cause}). Transitions written by deleting or merging a customer
 * enrol nobody, as live. What ledger compaction removed is not seen.
 */
final class TransitionEnrolment implements EnrolmentSource {

    private final WorkflowDefinition definition;

    TransitionEnrolment(WorkflowDefinition definition) {
        this.definition = definition;
    }

    @Override
    public String runs(SqlParams params, String workspace, PreviewWindow window, Instant now) {
        String key = definition.reentry() == WorkflowDefinition.Reentry.ONCE ? "'customer:' || t.usid" : "'transition:' || t.id";
        return "SELECT DISTINCT ON (k) k, subject_id, trig_at, props, id FROM ("
                + "SELECT " + key + " AS k, t.usid AS subject_id, t.at AS trig_at, jsonb_build_object('segment_id', t.segment_id,"
                + " 'transition_id', t.id, 'cause', t.cause) AS props, t.id FROM segment_transitions t"
                + " WHERE t.workspace_id = " + workspace + " AND t.segment_id = " + params.add(definition.trigger().segmentId(), "bigint")
                + " AND t.entered = " + params.add("entered".equals(definition.trigger().on()), "boolean")
                + " AND t.at >= " + params.add(Instants.utc(window.from()), "timestamptz")
                + " AND t.at < " + params.add(Instants.utc(window.to()), "timestamptz")
                + " AND t.cause <> 'deleted' AND t.cause NOT LIKE 'merged into %'"
                + ") c ORDER BY k, trig_at, id";
    }
}

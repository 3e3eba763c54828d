package io.xoal.events.workflow.preview;

import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.definition.WorkflowDefinition;

import java.time.Instant;

/**
 * An event trigger over stored history: the customer events of its name in the window that pass
 * its {@code where} filters, keyed as enrolment keys them ({@code customer:}, {@code message:},
 * {@code property:}; an event without the key property enrols nothing); the first event of a key
 * is its run, as {@code ON CONFLICT DO NOTHING} keeps the first.
 */
final class EventEnrolment implements EnrolmentSource {

    private final WorkflowDefinition definition;

    EventEnrolment(WorkflowDefinition definition) {
        this.definition = definition;
    }

    @Override
    public String runs(SqlParams params, String workspace, PreviewWindow window, Instant now) {
        String key;
        String keyed = "";
        if (definition.reentry() == WorkflowDefinition.Reentry.ONCE) {
            key = "'customer:' || e.subject_id";
        } else if (definition.enrolProperty() == null) {
            key = "'message:' || e.message_id";
        } else {
            String property = params.add(definition.enrolProperty(), "text");
            key = "'property:' || (e.properties ->> " + property + ")";
            keyed = " AND e.properties ->> " + property + " IS NOT NULL";
        }
        return "SELECT DISTINCT ON (k) k, subject_id, occurred_at AS trig_at, properties AS props, id FROM ("
                + "SELECT " + key + " AS k, e.subject_id, e.occurred_at, e.properties, e.id FROM events e"
                + " WHERE e.workspace_id = " + workspace + " AND e.name = " + params.add(definition.triggerEvent(), "text")
                + " AND e.subject_kind = 'customer'"
                + " AND e.occurred_at >= " + params.add(Instants.utc(window.from()), "timestamptz")
                + " AND e.occurred_at < " + params.add(Instants.utc(window.to()), "timestamptz") + keyed
                + " AND " + new FilterSql(params, now).allOf(definition.where(), "e.properties")
                + ") c ORDER BY k, occurred_at, id";
    }
}

package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.List;

/**
 * A trigger's property filters ({@code trigger.where}), applied at enrolment to the trigger event's
 * properties ({@link PropertyFilter}): one statement per workflow version with filters in the batch.
 */
final class TriggerFilter {

    private TriggerFilter() {
    }

    /** The rows whose event matches their version's filters, in their order. */
    static Uni<List<InboxRow>> matching(SqlConnection conn, List<InboxRow> rows, Instant now) {
        return PropertyFilter.matching(conn, rows,
                row -> new PropertyFilter.Item(row.versionKey(), row.payload(), row.definition().where()), now);
    }
}

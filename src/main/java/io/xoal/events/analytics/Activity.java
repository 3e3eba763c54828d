package io.xoal.events.analytics;

import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.SqlParams;

import java.time.OffsetDateTime;
import java.util.List;

import static io.xoal.events.common.Instants.utc;

/**
 * The customers' events of some names over a span, as a relation {@code (name, subject_id, b, n)}:
 * {@code n} events of {@code name} by the customer in bucket {@code b} (1-based, from
 * {@code width_bucket}). Read from the daily rollup {@code subject_event_daily} when every bucket
 * bound is a UTC midnight (then the rollup is exact), else from {@code events}. Only events whose
 * subject is a customer count; company and object events are not analysed.
 */
record Activity(String sql, boolean fromRollup) {

    /** The relation for {@code names} (all names when null) over {@code span}; every value is a parameter of {@code params}. */
    static Activity of(long workspaceId, List<String> names, Span span, SqlParams params) {
        String workspace = params.add(workspaceId, "bigint");
        String named = names == null ? "" : " AND %s.name = ANY(" + params.add(names.toArray(String[]::new), "text[]") + ")";
        if (span.dailyRollupIsExact()) {
            String days = params.add(span.days(), "date[]");
            return new Activity("SELECT r.name, r.subject_id, width_bucket(r.day, " + days + ") AS b, r.event_count AS n"
                    + " FROM subject_event_daily r WHERE r.workspace_id = " + workspace + " AND r.subject_kind = 'customer'"
                    + named.formatted("r")
                    + " AND r.day >= " + params.add(span.days()[0], "date") + " AND r.day < " + params.add(span.days()[span.buckets()], "date"), true);
        }
        String bounds = params.add(span.bounds().stream().map(Instants::utc).toArray(OffsetDateTime[]::new), "timestamptz[]");
        return new Activity("SELECT e.name, e.subject_id, width_bucket(e.occurred_at, " + bounds + ") AS b, 1 AS n"
                + " FROM events e WHERE e.workspace_id = " + workspace + " AND e.subject_kind = 'customer'"
                + named.formatted("e")
                + " AND e.occurred_at >= " + params.add(utc(span.from()), "timestamptz")
                + " AND e.occurred_at < " + params.add(utc(span.to()), "timestamptz"), false);
    }

    /** Where the numbers came from, as responses state it. */
    String source() {
        return fromRollup ? "subject_event_daily" : "events";
    }
}

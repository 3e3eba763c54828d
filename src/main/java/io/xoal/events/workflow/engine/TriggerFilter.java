package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.SqlParams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trigger's property filters ({@code trigger.where}), applied at enrolment to the trigger event's
 * properties in SQL compiled by the segment language ({@link FilterSql#allOf}): one
 * statement per workflow version with filters in the batch, bind parameters only.
 */
final class TriggerFilter {

    private TriggerFilter() {
    }

    /** The rows whose event matches their version's filters, in their order. */
    static Uni<List<InboxRow>> matching(SqlConnection conn, List<InboxRow> rows, Instant now) {
        Map<String, List<InboxRow>> filtered = new LinkedHashMap<>();
        rows.stream()
                .filter(row -> !row.definition().where().isEmpty())
                .forEach(row -> filtered.computeIfAbsent(row.versionKey(), key -> new ArrayList<>()).add(row));
        Set<Long> kept = new HashSet<>();
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (List<InboxRow> group : filtered.values()) {
            checks = checks.chain(() -> matches(conn, group, now).invoke(kept::addAll)).replaceWithVoid();
        }
        return checks.map(done -> rows.stream()
                .filter(row -> row.definition().where().isEmpty() || kept.contains(row.id()))
                .toList());
    }

    private static Uni<List<Long>> matches(SqlConnection conn, List<InboxRow> group, Instant now) {
        SqlParams params = new SqlParams();
        String ids = params.add(group.stream().map(InboxRow::id).toArray(Long[]::new), "bigint[]");
        String payloads = params.add(group.stream().map(InboxRow::payload).toArray(String[]::new), "text[]");
        String match = new FilterSql(params, now).allOf(group.get(0).definition().where(), "(t.p::jsonb -> 'properties')");
        return conn.preparedQuery("SELECT t.id FROM unnest(" + ids + ", " + payloads + ") AS t(id, p) WHERE " + match)
                .execute(params.tuple())
                .map(result -> result.stream().map(row -> row.getLong(0)).toList());
    }
}

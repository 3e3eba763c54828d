package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.xoal.events.segment.definition.FilterSql;
import io.xoal.events.segment.definition.Node;
import io.xoal.events.segment.definition.SqlParams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Property filters in the {@code where} syntax (a trigger's, a goal's) applied to events' properties
 * in SQL compiled by the segment language ({@link FilterSql#allOf}): one statement per group of
 * items sharing their filters, bind parameters only.
 */
final class PropertyFilter {

    /** What to filter: the group sharing {@code where} (a workflow version), the event payload (jsonb text with {@code properties}). */
    record Item(String group, String payload, List<Node.Filter> where) {
    }

    private PropertyFilter() {
    }

    /** The rows whose event matches their filters, in their order. */
    static <T> Uni<List<T>> matching(SqlConnection conn, List<T> rows, Function<T, Item> items, Instant now) {
        List<Item> all = rows.stream().map(items).toList();
        Map<String, List<Integer>> filtered = new LinkedHashMap<>();
        IntStream.range(0, all.size())
                .filter(i -> !all.get(i).where().isEmpty())
                .forEach(i -> filtered.computeIfAbsent(all.get(i).group(), key -> new ArrayList<>()).add(i));
        Set<Integer> kept = new HashSet<>();
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (List<Integer> group : filtered.values()) {
            checks = checks.chain(() -> matches(conn, all, group, now).invoke(kept::addAll)).replaceWithVoid();
        }
        return checks.map(done -> IntStream.range(0, rows.size())
                .filter(i -> all.get(i).where().isEmpty() || kept.contains(i))
                .mapToObj(rows::get)
                .toList());
    }

    private static Uni<List<Integer>> matches(SqlConnection conn, List<Item> all, List<Integer> group, Instant now) {
        SqlParams params = new SqlParams();
        String ids = params.add(group.toArray(Integer[]::new), "int[]");
        String payloads = params.add(group.stream().map(i -> all.get(i).payload()).toArray(String[]::new), "text[]");
        String match = new FilterSql(params, now).allOf(all.get(group.get(0)).where(), "(t.p::jsonb -> 'properties')");
        return conn.preparedQuery("SELECT t.id FROM unnest(" + ids + ", " + payloads + ") AS t(id, p) WHERE " + match)
                .execute(params.tuple())
                .map(result -> result.stream().map(row -> row.getInteger(0)).toList());
    }
}

package io.xoal.events.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads {@code EXPLAIN (ANALYZE, FORMAT JSON)} plans. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The executed plan of {@code sql} with {@code args}: {@code EXPLAIN (ANALYZE, FORMAT JSON)}'s root node. */
    public static JsonObject analyze(Pool pool, String sql, Tuple args) {
        return analyze(pool, null, sql, args);
    }

    /** The same, in a transaction that runs {@code setting} first (when not null). */
    public static JsonObject analyze(Pool pool, String setting, String sql, Tuple args) {
        RowSet<Row> rows = pool.withTransaction(conn -> (setting == null ? Uni.createFrom().voidItem()
                        : conn.query(setting).execute().replaceWithVoid())
                .chain(() -> conn.preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).execute(args)))
                .await().indefinitely();
        return new JsonArray(rows.iterator().next().getValue(0).toString()).getJsonObject(0).getJsonObject("Plan");
    }

    /** Rows the plan's scans of {@code events} partitions produced, over all their loops. */
    public static long eventRowsRead(JsonObject node) {
        long rows = 0;
        String relation = node.getString("Relation Name");
        if (relation != null && relation.startsWith("events")) {
            rows += node.getLong("Actual Rows", 0L) * node.getLong("Actual Loops", 1L);
        }
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                rows += eventRowsRead(children.getJsonObject(i));
            }
        }
        return rows;
    }
}

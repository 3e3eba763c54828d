package io.xoal.events.segment.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one event-driven drain reads before it evaluates: the locks of all the segments it
 * evaluates, tried in one round trip (never waited for), then, under those locks, which of their
 * candidates are members now — in one round trip too — and the tags of the candidates of the
 * segments with a tag condition. Every writer of a segment's members holds
 * its lock, so these memberships stay true for the rest of the drain's transaction.
 */
final class Memberships {

    private static final String TRY_LOCKS = "SELECT s AS id, pg_try_advisory_xact_lock(" + SegmentEvaluator.LOCK_CLASS
            + ", s::int) AS locked FROM unnest($1::bigint[]) s";

    private static final String MEMBERS = """
            SELECT sm.segment_id, sm.usid FROM segment_members sm
            JOIN unnest($2::bigint[], $3::bigint[]) AS c(segment_id, usid) ON sm.segment_id = c.segment_id AND sm.usid = c.usid
            WHERE sm.workspace_id = $1""";

    private static final String TAGS = "SELECT usid, tags FROM customers WHERE workspace_id = $1 AND usid = ANY($2)";

    private Memberships() {
    }

    /** The ids of {@code segments} whose lock this transaction now holds; the others' locks another evaluation holds. */
    static Uni<Set<Long>> lockFree(SqlConnection conn, Collection<LiveSegment> segments) {
        if (segments.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Long[] ids = segments.stream().map(LiveSegment::id).toArray(Long[]::new);
        return conn.preparedQuery(TRY_LOCKS).execute(Tuple.of((Object) ids)).map(rows -> {
            Set<Long> free = new HashSet<>();
            for (Row row : rows) {
                if (row.getBoolean("locked")) {
                    free.add(row.getLong("id"));
                }
            }
            return free;
        });
    }

    /** Of each segment's candidates (segment id → usids), those who are members: segment id → usids. */
    static Uni<Map<Long, Set<Long>>> current(SqlConnection conn, long workspaceId, Map<Long, ? extends Collection<Long>> candidates) {
        List<Long> segments = new ArrayList<>();
        List<Long> usids = new ArrayList<>();
        candidates.forEach((segment, of) -> of.forEach(usid -> {
            segments.add(segment);
            usids.add(usid);
        }));
        if (usids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery(MEMBERS)
                .execute(Tuple.of(workspaceId, segments.toArray(Long[]::new), usids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Set<Long>> members = new HashMap<>();
                    for (Row row : rows) {
                        members.computeIfAbsent(row.getLong("segment_id"), s -> new HashSet<>()).add(row.getLong("usid"));
                    }
                    return members;
                });
    }

    /** The tags of the customers {@code usids} that exist: usid → tags. */
    static Uni<Map<Long, Set<String>>> tags(SqlConnection conn, long workspaceId, Set<Long> usids) {
        if (usids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery(TAGS).execute(Tuple.of(workspaceId, usids.toArray(Long[]::new))).map(rows -> {
            Map<Long, Set<String>> tags = new HashMap<>();
            for (Row row : rows) {
                String[] of = row.getArrayOfStrings("tags");
                tags.put(row.getLong("usid"), of == null ? Set.of() : Set.of(of));
            }
            return tags;
        });
    }
}

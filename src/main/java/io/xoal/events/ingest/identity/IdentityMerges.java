package io.xoal.events.ingest.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.Subject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links anonymous ids and aliases to customers inside a flush, and merges the customer an alias
 * pointed at into the one it now names ({@link MergeMoves}). Every merge of the flush takes
 * effect, however many name one customer and in whatever chain ({@link MergePlan}). An
 * identified customer (one with an id) is merged only by an explicit merge (Segment alias,
 * Customer.io merge_customers); an identify that names it only repoints the alias, so a shared
 * device never joins two people's histories.
 */
public final class IdentityMerges {

    /**
     * The customer each alias names now. Its alias row is locked first (in key order), so that two
     * flushes merging the same alias take turns and the second sees where the first moved it.
     */
    private static final String SOURCES = """
            WITH v AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[]) AS v(w, a, i)),
            held AS (
              SELECT x.workspace_id, x.alias, x.usid FROM customer_aliases x JOIN v ON x.workspace_id = v.w AND x.alias = v.a
              ORDER BY x.workspace_id, x.alias FOR UPDATE OF x)
            SELECT v.i, coalesce(h.usid, c.usid) AS source, s.external_id IS NOT NULL AS identified
            FROM v
            LEFT JOIN held h ON h.workspace_id = v.w AND h.alias = v.a
            LEFT JOIN customers c ON h.usid IS NULL AND c.workspace_id = v.w AND c.external_id = v.a
            LEFT JOIN customers s ON s.usid = coalesce(h.usid, c.usid)""";

    private static final String LINK = """
            INSERT INTO customer_aliases (workspace_id, alias, usid, created_at)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::timestamptz[]) ORDER BY 1, 2
            ON CONFLICT (workspace_id, alias) DO UPDATE SET usid = excluded.usid""";

    private IdentityMerges() {
    }

    /** Applies the {@code mergeFrom} of each message onto the customer {@code subjectIds[i]}. */
    public static Uni<Void> apply(SqlConnection conn, List<Envelope> messages, long[] subjectIds) {
        // One link per alias: the last message of the flush names its customer.
        Map<String, Integer> byAlias = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Envelope m = messages.get(i);
            if (m.changes().mergeFrom() != null && m.subject().kind() == Subject.Kind.CUSTOMER
                    && !m.changes().mergeFrom().equals(m.subject().id())) {
                byAlias.put(m.workspaceId() + "\u0000" + m.changes().mergeFrom(), i);
            }
        }
        if (byAlias.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Integer> links = byAlias.values().stream().sorted().toList();
        Tuple sources = Tuple.of(
                links.stream().map(i -> messages.get(i).workspaceId()).toArray(Long[]::new),
                links.stream().map(i -> messages.get(i).changes().mergeFrom()).toArray(String[]::new),
                links.toArray(Integer[]::new));
        return conn.preparedQuery(SOURCES).execute(sources)
                .map(rows -> plan(rows, messages, subjectIds))
                .chain(plan -> merge(conn, plan, messages)
                        .chain(() -> link(conn, links, messages, subjectIds, plan)));
    }

    /** The flush's merges in request order; a merge an identify may not make is left out. */
    private static MergePlan plan(Iterable<Row> rows, List<Envelope> messages, long[] subjectIds) {
        Map<Integer, Row> byMessage = new HashMap<>();
        rows.forEach(row -> byMessage.put(row.getInteger("i"), row));
        MergePlan plan = new MergePlan();
        byMessage.keySet().stream().sorted().forEach(i -> {
            Row row = byMessage.get(i);
            Long source = row.getLong("source");
            boolean allowed = messages.get(i).changes().mergeIdentified() || !row.getBoolean("identified");
            if (source != null && allowed) {
                plan.merge(messages.get(i).workspaceId(), source, subjectIds[i], i);
            }
        });
        return plan;
    }

    private static Uni<Void> merge(SqlConnection conn, MergePlan plan, List<Envelope> messages) {
        if (plan.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<MergePlan.Move> moves = plan.moves();
        List<OffsetDateTime> at = new ArrayList<>();
        moves.forEach(move -> at.add(Instants.utc(messages.get(move.message()).receivedAt())));
        return MergeMoves.apply(conn, moves, at);
    }

    /** Each alias names the customer its message's customer ended up in (that one may have been merged on). */
    private static Uni<Void> link(SqlConnection conn, List<Integer> links, List<Envelope> messages, long[] subjectIds,
                                  MergePlan plan) {
        return conn.preparedQuery(LINK).execute(Tuple.of(
                        links.stream().map(i -> messages.get(i).workspaceId()).toArray(Long[]::new),
                        links.stream().map(i -> messages.get(i).changes().mergeFrom()).toArray(String[]::new),
                        links.stream().map(i -> plan.end(subjectIds[i])).toArray(Long[]::new),
                        links.stream().map(i -> Instants.utc(messages.get(i).receivedAt())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links anonymous ids and aliases to customers inside a flush, and merges the customer an alias
 * pointed at into the one it now names: its events, daily rollups, companies, aliases and
 * attributes move over (the target's own values win), then it is deleted. An identified customer
 * (one with an id) is merged only by an explicit merge (Segment alias, Customer.io
 * merge_customers); an identify that names it only repoints the alias, so a shared device never
 * joins two people's histories.
 */
public final class IdentityMerges {

    private static final String SOURCES = """
            SELECT v.i, coalesce(x.usid, c.usid) AS source, s.external_id IS NOT NULL AS identified
            FROM unnest($1::bigint[], $2::text[], $3::int[]) AS v(w, a, i)
            LEFT JOIN customer_aliases x ON x.workspace_id = v.w AND x.alias = v.a
            LEFT JOIN customers c ON x.usid IS NULL AND c.workspace_id = v.w AND c.external_id = v.a
            LEFT JOIN customers s ON s.usid = coalesce(x.usid, c.usid)""";

    private static final String MOVES = "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS m(w, f, t)";

    private static final List<String> MERGE = List.of("""
            UPDATE events e SET subject_id = m.t FROM (%s) m
            WHERE e.workspace_id = m.w AND e.subject_kind = 'customer' AND e.subject_id = m.f""".formatted(MOVES), """
            WITH m AS (%s),
            gone AS (
              DELETE FROM subject_event_daily d USING m
              WHERE d.workspace_id = m.w AND d.subject_kind = 'customer' AND d.subject_id = m.f
              RETURNING d.workspace_id, d.name, d.day, d.event_count, d.first_at, d.last_at, m.t)
            INSERT INTO subject_event_daily AS d (workspace_id, subject_kind, subject_id, name, day, event_count, first_at, last_at)
            SELECT workspace_id, 'customer', t, name, day, sum(event_count), min(first_at), max(last_at)
            FROM gone GROUP BY 1, 3, 4, 5 ORDER BY 1, 3, 4, 5
            ON CONFLICT (workspace_id, subject_kind, subject_id, name, day) DO UPDATE
              SET event_count = d.event_count + excluded.event_count,
                  first_at = least(d.first_at, excluded.first_at),
                  last_at = greatest(d.last_at, excluded.last_at)""".formatted(MOVES), """
            INSERT INTO customer_companies (workspace_id, usid, company_id)
            SELECT DISTINCT m.w, m.t, cc.company_id FROM (%s) m JOIN customer_companies cc ON cc.usid = m.f
            ON CONFLICT DO NOTHING""".formatted(MOVES), """
            UPDATE customers t SET
              email = coalesce(t.email, f.email),
              first_name = coalesce(t.first_name, f.first_name),
              last_name = coalesce(t.last_name, f.last_name),
              phone = coalesce(t.phone, f.phone),
              language = coalesce(t.language, f.language),
              timezone = coalesce(t.timezone, f.timezone),
              joined_date = coalesce(t.joined_date, f.joined_date),
              created_at = least(t.created_at, f.created_at),
              last_active = greatest(t.last_active, f.last_active),
              attributes = f.attributes || t.attributes,
              tags = ARRAY(SELECT DISTINCT x FROM unnest(t.tags || f.tags) AS x ORDER BY 1)
            FROM (%s) m JOIN customers f ON f.usid = m.f
            WHERE t.usid = m.t""".formatted(MOVES), """
            UPDATE customer_aliases x SET usid = m.t FROM (%s) m WHERE x.usid = m.f""".formatted(MOVES), """
            DELETE FROM customers c USING (%s) m WHERE c.usid = m.f""".formatted(MOVES));

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
                byAlias.remove(m.workspaceId() + "\u0000" + m.changes().mergeFrom());
                byAlias.put(m.workspaceId() + "\u0000" + m.changes().mergeFrom(), i);
            }
        }
        List<Integer> links = new ArrayList<>(byAlias.values());
        if (links.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple sources = Tuple.of(
                links.stream().map(i -> messages.get(i).workspaceId()).toArray(Long[]::new),
                links.stream().map(i -> messages.get(i).changes().mergeFrom()).toArray(String[]::new),
                links.toArray(Integer[]::new));
        return conn.preparedQuery(SOURCES).execute(sources)
                .chain(rows -> merge(conn, moves(rows, messages, subjectIds)))
                .chain(() -> link(conn, links, messages, subjectIds));
    }

    /** Each customer takes part in at most one move per flush, so no chain or fan-in is half-applied. */
    private static List<long[]> moves(Iterable<Row> rows, List<Envelope> messages, long[] subjectIds) {
        List<long[]> moves = new ArrayList<>();
        Set<Long> involved = new HashSet<>();
        for (Row row : rows) {
            int i = row.getInteger("i");
            Long source = row.getLong("source");
            long target = subjectIds[i];
            boolean allowed = messages.get(i).changes().mergeIdentified() || !row.getBoolean("identified");
            if (source != null && source != target && allowed && !involved.contains(source) && !involved.contains(target)) {
                involved.add(source);
                involved.add(target);
                moves.add(new long[]{messages.get(i).workspaceId(), source, target});
            }
        }
        return moves;
    }

    private static Uni<Void> merge(SqlConnection conn, List<long[]> moves) {
        if (moves.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple args = Tuple.of(
                moves.stream().map(m -> m[0]).toArray(Long[]::new),
                moves.stream().map(m -> m[1]).toArray(Long[]::new),
                moves.stream().map(m -> m[2]).toArray(Long[]::new));
        return SqlSteps.run(conn, MERGE, args);
    }

    private static Uni<Void> link(SqlConnection conn, List<Integer> links, List<Envelope> messages, long[] subjectIds) {
        return conn.preparedQuery(LINK).execute(Tuple.of(
                        links.stream().map(i -> messages.get(i).workspaceId()).toArray(Long[]::new),
                        links.stream().map(i -> messages.get(i).changes().mergeFrom()).toArray(String[]::new),
                        links.stream().map(i -> subjectIds[i]).toArray(Long[]::new),
                        links.stream().map(i -> Instants.utc(messages.get(i).receivedAt())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}

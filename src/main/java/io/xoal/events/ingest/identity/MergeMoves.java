package io.xoal.events.ingest.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.workflow.engine.WorkflowSubjects;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves everything source customers have onto their targets, then deletes the sources: events,
 * daily rollups (queuing the target's segments for the moved event names), companies, objects,
 * profile fields (the target's own values win, then the sources by rank), aliases, and the
 * source's external id, which stays an alias of the target. The sources' segment memberships end
 * in the ledger; their workflow runs move ({@link WorkflowSubjects}). Every statement takes all
 * moves at once, so any fan-in costs the same.
 */
final class MergeMoves {

    private static final String MOVES = """
            WITH m AS (SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::int[], $5::timestamptz[]) AS m(w, f, t, o, at))
            """;

    /**
     * Aliases before customers, each in key order, as every flush takes them: a track that
     * resolved a source's alias first is waited for (its event then moves too), and one that comes
     * later waits and sees the alias already re-pointed.
     */
    private static final List<String> LOCKS = List.of(MOVES + """
            SELECT 1 FROM customer_aliases x WHERE x.usid IN (SELECT f FROM m) ORDER BY x.workspace_id, x.alias FOR UPDATE""", MOVES + """
            SELECT 1 FROM customers c WHERE c.usid IN (SELECT f FROM m) ORDER BY c.usid FOR UPDATE""");

    private static final List<String> MOVE = Stream.concat(WorkflowSubjects.moved(MOVES).stream(), Stream.of(MOVES + """
            UPDATE events e SET subject_id = m.t FROM m
            WHERE e.workspace_id = m.w AND e.subject_kind = 'customer' AND e.subject_id = m.f""", MOVES + """
            , gone AS (
              DELETE FROM subject_event_daily d USING m
              WHERE d.workspace_id = m.w AND d.subject_kind = 'customer' AND d.subject_id = m.f
              RETURNING d.workspace_id, d.name, d.day, d.event_count, d.first_at, d.last_at, m.t),
            work AS (
              INSERT INTO segment_work (workspace_id, usids, event_ids, names, created_at)
              SELECT workspace_id, array_agg(t), array_agg(NULL::bigint), array_agg(name), now()
              FROM (SELECT DISTINCT workspace_id, t, name FROM gone) g
              GROUP BY workspace_id
              HAVING EXISTS (SELECT 1 FROM segments s WHERE s.workspace_id = g.workspace_id AND s.status = 'active'))
            INSERT INTO subject_event_daily AS d (workspace_id, subject_kind, subject_id, name, day, event_count, first_at, last_at)
            SELECT workspace_id, 'customer', t, name, day, sum(event_count), min(first_at), max(last_at)
            FROM gone GROUP BY 1, 3, 4, 5 ORDER BY 1, 3, 4, 5
            ON CONFLICT (workspace_id, subject_kind, subject_id, name, day) DO UPDATE
              SET event_count = d.event_count + excluded.event_count,
                  first_at = least(d.first_at, excluded.first_at),
                  last_at = greatest(d.last_at, excluded.last_at)""", MOVES + """
            INSERT INTO customer_companies (workspace_id, usid, company_id)
            SELECT DISTINCT m.w, m.t, cc.company_id FROM m JOIN customer_companies cc ON cc.usid = m.f ORDER BY 3, 2
            ON CONFLICT DO NOTHING""", MOVES + """
            INSERT INTO customer_objects (workspace_id, usid, object_id)
            SELECT DISTINCT m.w, m.t, co.object_id FROM m JOIN customer_objects co ON co.usid = m.f ORDER BY 3, 2
            ON CONFLICT DO NOTHING""", MOVES + """
            , s AS (SELECT m.t, m.o, f.* FROM m JOIN customers f ON f.usid = m.f),
            fields AS (
              SELECT t,
                     (array_agg(email ORDER BY o) FILTER (WHERE email IS NOT NULL))[1] AS email,
                     (array_agg(first_name ORDER BY o) FILTER (WHERE first_name IS NOT NULL))[1] AS first_name,
                     (array_agg(last_name ORDER BY o) FILTER (WHERE last_name IS NOT NULL))[1] AS last_name,
                     (array_agg(phone ORDER BY o) FILTER (WHERE phone IS NOT NULL))[1] AS phone,
                     (array_agg(language ORDER BY o) FILTER (WHERE language IS NOT NULL))[1] AS language,
                     (array_agg(timezone ORDER BY o) FILTER (WHERE timezone IS NOT NULL))[1] AS timezone,
                     (array_agg(joined_date ORDER BY o) FILTER (WHERE joined_date IS NOT NULL))[1] AS joined_date,
                     min(created_at) AS created_at, max(last_active) AS last_active, min(first_event_at) AS first_event_at
              FROM s GROUP BY t),
            -- Of equal keys jsonb keeps the last: the best-ranked source is aggregated last.
            attrs AS (SELECT s.t, jsonb_object_agg(a.key, a.value ORDER BY s.o DESC) AS attributes
                      FROM s, jsonb_each(s.attributes) a GROUP BY s.t),
            tagged AS (SELECT s.t, array_agg(DISTINCT x) AS tags FROM s, unnest(s.tags) x GROUP BY s.t)
            UPDATE customers c SET
              email = coalesce(c.email, v.email),
              first_name = coalesce(c.first_name, v.first_name),
              last_name = coalesce(c.last_name, v.last_name),
              phone = coalesce(c.phone, v.phone),
              language = coalesce(c.language, v.language),
              timezone = coalesce(c.timezone, v.timezone),
              joined_date = coalesce(c.joined_date, v.joined_date),
              created_at = least(c.created_at, v.created_at),
              first_event_at = least(c.first_event_at, v.first_event_at),
              last_active = greatest(c.last_active, v.last_active),
              attributes = coalesce(a.attributes, '{}') || c.attributes,
              tags = ARRAY(SELECT DISTINCT x FROM unnest(c.tags || coalesce(g.tags, '{}')) AS x ORDER BY 1)
            FROM fields v LEFT JOIN attrs a ON a.t = v.t LEFT JOIN tagged g ON g.t = v.t
            WHERE c.usid = v.t""", MOVES + """
            UPDATE customer_aliases x SET usid = m.t FROM m WHERE x.usid = m.f""", MOVES + """
            INSERT INTO customer_aliases (workspace_id, alias, usid, created_at)
            SELECT m.w, f.external_id, m.t, m.at FROM m JOIN customers f ON f.usid = m.f
            WHERE f.external_id IS NOT NULL ORDER BY 1, 2
            ON CONFLICT (workspace_id, alias) DO UPDATE SET usid = excluded.usid""", MOVES + """
            , gone AS (
              DELETE FROM segment_members sm USING m WHERE sm.workspace_id = m.w AND sm.usid = m.f
              RETURNING sm.workspace_id, sm.segment_id, sm.usid, m.t, m.at)
            INSERT INTO segment_transitions (workspace_id, segment_id, usid, entered, at, cause)
            SELECT g.workspace_id, g.segment_id, g.usid, false, g.at, 'merged into ' || coalesce(c.external_id, c.usid::text)
            FROM gone g JOIN customers c ON c.workspace_id = g.workspace_id AND c.usid = g.t""", MOVES + """
            DELETE FROM customers c USING m WHERE c.usid = m.f""")).toList();

    private MergeMoves() {
    }

    static Uni<Void> apply(SqlConnection conn, List<MergePlan.Move> moves, List<OffsetDateTime> at) {
        Tuple args = Tuple.of(
                moves.stream().map(MergePlan.Move::workspaceId).toArray(Long[]::new),
                moves.stream().map(MergePlan.Move::source).toArray(Long[]::new),
                moves.stream().map(MergePlan.Move::target).toArray(Long[]::new),
                moves.stream().map(MergePlan.Move::rank).toArray(Integer[]::new),
                at.toArray(OffsetDateTime[]::new));
        return SqlSteps.run(conn, LOCKS, args)
                .chain(() -> SqlSteps.run(conn, MOVE, args));
    }
}

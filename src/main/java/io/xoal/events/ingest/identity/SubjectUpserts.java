package io.xoal.events.ingest.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.ingest.envelope.Envelope;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

import static io.xoal.events.common.Instants.utc;

/**
 * Resolves the subjects of a flush to their row ids inside the flush's transaction, creating
 * unknown customers ({@code added_via = api}), companies and objects, and raising
 * {@code last_active} to the latest event time and lowering a customer's {@code first_event_at}
 * to their earliest stored event (a back-filled history starts there). One set-based statement per kind.
 */
public final class SubjectUpserts {

    /** An e-mail-only customer id'd by a later event gets that id instead of a second profile. */
    private static final String PROMOTE = """
            UPDATE customers c SET external_id = v.e, contact_type = 'user'
            FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(w, e, m)
            WHERE c.workspace_id = v.w AND c.external_id IS NULL AND lower(c.email) = lower(v.m)
              AND NOT EXISTS (SELECT 1 FROM customers x WHERE x.workspace_id = v.w AND x.external_id = v.e)
              AND NOT EXISTS (SELECT 1 FROM customer_aliases x WHERE x.workspace_id = v.w AND x.alias = v.e)""";

    /**
     * The id of a customer merged into another is an alias of that one (its row is gone): it
     * resolves there, locked like {@link #CUSTOMERS_BY_ALIAS}'s aliases, instead of re-creating an
     * empty profile.
     */
    private static final String CUSTOMERS_BY_ID = """
            WITH v AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[],
                                            $6::timestamptz[]) AS t(w, e, m, a, r, f)),
            aliased AS (
              SELECT v.w, v.e, x.usid, v.a, v.f FROM v JOIN customer_aliases x ON x.workspace_id = v.w AND x.alias = v.e
              WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.workspace_id = v.w AND c.external_id = v.e)
              ORDER BY v.w, v.e FOR SHARE OF x),
            touched AS (
              UPDATE customers c SET last_active = greatest(c.last_active, f.a), first_event_at = least(c.first_event_at, f.f)
              FROM aliased f WHERE c.usid = f.usid),
            upserted AS (
              INSERT INTO customers (workspace_id, external_id, email, contact_type, created_at, last_active, added_via, first_event_at)
              SELECT w, e, m, 'user', r, a, 'api', f FROM v
              WHERE NOT EXISTS (SELECT 1 FROM aliased f WHERE f.w = v.w AND f.e = v.e)
              ON CONFLICT (workspace_id, external_id) DO UPDATE
                SET email = coalesce(customers.email, excluded.email),
                    last_active = greatest(customers.last_active, excluded.last_active),
                    first_event_at = least(customers.first_event_at, excluded.first_event_at)
              RETURNING workspace_id, external_id, usid, xmax = 0 AS created)
            SELECT workspace_id, external_id AS k, NULL::text AS k2, usid AS id, created FROM upserted
            UNION ALL SELECT w, e, NULL, usid, false FROM aliased""";

    /**
     * A customer the upsert created although its id is now an alias: a merge took the id away
     * while the upsert waited for its row (the row was gone, so the upsert inserted anew), and
     * committed the alias after the statement's snapshot.
     */
    private static final String MERGED_MEANWHILE = """
            SELECT count(*) AS n FROM customer_aliases x, unnest($1::bigint[], $2::text[]) AS t(w, e)
            WHERE x.workspace_id = t.w AND x.alias = t.e""";

    /** E-mails match case-insensitively (in PostgreSQL); a customer with an id wins over one without. */
    private static final String CUSTOMERS_BY_EMAIL = """
            WITH v AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
                       AS t(w, m, a, r, f)),
            found AS (
              SELECT DISTINCT ON (v.w, lower(v.m)) v.w, lower(v.m) AS lm, c.usid, v.a, v.f
              FROM v JOIN customers c ON c.workspace_id = v.w AND lower(c.email) = lower(v.m)
              ORDER BY v.w, lower(v.m), c.external_id IS NULL, c.usid),
            touched AS (
              UPDATE customers c SET last_active = greatest(c.last_active, f.a), first_event_at = least(c.first_event_at, f.f)
              FROM found f WHERE c.usid = f.usid),
            created AS (
              INSERT INTO customers (workspace_id, email, contact_type, created_at, last_active, added_via, first_event_at)
              SELECT DISTINCT ON (v.w, lower(v.m)) v.w, v.m, 'lead', v.r, v.a, 'api', v.f FROM v
              WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.w = v.w AND f.lm = lower(v.m))
              ORDER BY v.w, lower(v.m), v.a DESC
              ON CONFLICT (workspace_id, lower(email)) WHERE external_id IS NULL
              DO UPDATE SET last_active = greatest(customers.last_active, excluded.last_active),
                            first_event_at = least(customers.first_event_at, excluded.first_event_at)
              RETURNING workspace_id AS w, lower(email) AS lm, usid),
            ids AS (SELECT w, lm, usid FROM found UNION ALL SELECT w, lm, usid FROM created)
            SELECT v.w AS workspace_id, v.m AS k, NULL::text AS k2, ids.usid AS id
            FROM v JOIN ids ON ids.w = v.w AND ids.lm = lower(v.m)""";

    /**
     * A customer known only by an alias: the one the alias points at, else a new 'unidentified'
     * customer with the alias (its usid is drawn first so that the alias row can name it). The
     * alias rows are share-locked, in key order: a merge re-pointing one waits for this flush (and
     * then moves its events too), or this flush waits for the merge and reads the re-pointed row.
     */
    private static final String CUSTOMERS_BY_ALIAS = """
            WITH v AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
                       AS t(w, al, a, r, f)),
            found AS (
              SELECT v.w, v.al, x.usid, v.a, v.f FROM v JOIN customer_aliases x ON x.workspace_id = v.w AND x.alias = v.al
              ORDER BY v.w, v.al FOR SHARE OF x),
            touched AS (
              UPDATE customers c SET last_active = greatest(c.last_active, f.a), first_event_at = least(c.first_event_at, f.f)
              FROM found f WHERE c.usid = f.usid),
            fresh AS (
              SELECT v.w, v.al, v.a, v.r, v.f, nextval(pg_get_serial_sequence('customers', 'usid')) AS usid FROM v
              WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.w = v.w AND f.al = v.al)),
            created AS (
              INSERT INTO customers (usid, workspace_id, contact_type, created_at, last_active, added_via, first_event_at)
              SELECT usid, w, 'unidentified', r, a, 'api', f FROM fresh),
            aliased AS (
              INSERT INTO customer_aliases (workspace_id, alias, usid, created_at) SELECT w, al, usid, r FROM fresh)
            SELECT w AS workspace_id, al AS k, NULL::text AS k2, usid AS id FROM found
            UNION ALL SELECT w, al, NULL, usid FROM fresh""";

    private static final String COMPANIES = """
            INSERT INTO companies (workspace_id, external_id, created_at, last_active)
            SELECT w, e, r, a FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS t(w, e, a, r)
            ON CONFLICT (workspace_id, external_id) DO UPDATE
              SET last_active = greatest(companies.last_active, excluded.last_active)
            RETURNING workspace_id, external_id AS k, NULL::text AS k2, id""";

    private static final String OBJECTS = """
            INSERT INTO custom_objects (workspace_id, object_type, external_id, created_at, last_active)
            SELECT w, ty, e, r, a FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS t(w, ty, e, a, r)
            ON CONFLICT (workspace_id, object_type, external_id) DO UPDATE
              SET last_active = greatest(custom_objects.last_active, excluded.last_active)
            RETURNING workspace_id, object_type AS k, external_id AS k2, id""";

    private SubjectUpserts() {
    }

    /**
     * Row ids of the events' subjects, in the order of {@code events}; the first {@code own} are the
     * messages themselves (a track among them is stored as its subject's event), the rest their relations.
     */
    public static Uni<long[]> resolve(SqlConnection conn, List<Envelope> events, int own) {
        Map<Kind, TreeMap<SubjectKey, Group>> groups = group(events, own);
        Map<Kind, Map<SubjectKey, Long>> ids = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Kind kind : Kind.values()) {
            TreeMap<SubjectKey, Group> group = groups.get(kind);
            if (group != null) {
                chain = chain.chain(() -> kind.upsert(conn, group)).invoke(found -> ids.put(kind, found)).replaceWithVoid();
            }
        }
        return chain.map(done -> {
            long[] out = new long[events.size()];
            for (int i = 0; i < out.length; i++) {
                Envelope e = events.get(i);
                out[i] = ids.get(Kind.of(e)).get(SubjectKey.of(e));
            }
            return out;
        });
    }

    private static Map<Kind, TreeMap<SubjectKey, Group>> group(List<Envelope> events, int own) {
        Map<Kind, TreeMap<SubjectKey, Group>> groups = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Envelope e = events.get(i);
            groups.computeIfAbsent(Kind.of(e), k -> new TreeMap<>())
                    .computeIfAbsent(SubjectKey.of(e), k -> new Group(e))
                    .add(e, i < own && e.action() == Envelope.Action.TRACK);
        }
        return groups;
    }

    /** The events of one subject within a flush. */
    private static final class Group {
        private final Envelope first;
        private String email;
        private Instant lastActive;
        private Instant firstEvent;

        Group(Envelope first) {
            this.first = first;
        }

        void add(Envelope e, boolean event) {
            email = email == null ? e.subject().email() : email;
            lastActive = lastActive == null || e.occurredAt().isAfter(lastActive) ? e.occurredAt() : lastActive;
            if (event && (firstEvent == null || e.occurredAt().isBefore(firstEvent))) {
                firstEvent = e.occurredAt();
            }
        }
    }

    /** How each kind of subject is upserted. */
    private enum Kind {
        CUSTOMER_ID(CUSTOMERS_BY_ID),
        CUSTOMER_EMAIL(CUSTOMERS_BY_EMAIL),
        CUSTOMER_ALIAS(CUSTOMERS_BY_ALIAS),
        COMPANY(COMPANIES),
        OBJECT(OBJECTS);

        private final String sql;

        Kind(String sql) {
            this.sql = sql;
        }

        static Kind of(Envelope e) {
            return switch (e.subject().kind()) {
                case CUSTOMER -> e.subject().id() != null ? CUSTOMER_ID
                        : e.subject().email() != null ? CUSTOMER_EMAIL : CUSTOMER_ALIAS;
                case COMPANY -> COMPANY;
                case OBJECT -> OBJECT;
            };
        }

        Uni<Map<SubjectKey, Long>> upsert(SqlConnection conn, TreeMap<SubjectKey, Group> groups) {
            List<Group> list = new ArrayList<>(groups.values());
            Long[] ws = column(list, g -> g.first.workspaceId(), Long[]::new);
            OffsetDateTime[] active = column(list, g -> utc(g.lastActive), OffsetDateTime[]::new);
            OffsetDateTime[] created = column(list, g -> utc(g.first.receivedAt()), OffsetDateTime[]::new);
            OffsetDateTime[] firstEvent = column(list, g -> g.firstEvent == null ? null : utc(g.firstEvent), OffsetDateTime[]::new);
            Tuple args = switch (this) {
                case CUSTOMER_ID -> Tuple.of(ws, column(list, g -> g.first.subject().id(), String[]::new),
                        column(list, g -> g.email, String[]::new), active, created, firstEvent);
                case CUSTOMER_EMAIL -> Tuple.of(ws, column(list, g -> g.first.subject().email(), String[]::new), active, created,
                        firstEvent);
                case CUSTOMER_ALIAS -> Tuple.of(ws, column(list, g -> g.first.subject().alias(), String[]::new), active, created,
                        firstEvent);
                case COMPANY -> Tuple.of(ws, column(list, g -> g.first.subject().id(), String[]::new), active, created);
                case OBJECT -> Tuple.of(ws, column(list, g -> g.first.subject().objectType(), String[]::new),
                        column(list, g -> g.first.subject().id(), String[]::new), active, created);
            };
            Uni<Void> promoted = this == CUSTOMER_ID && list.stream().anyMatch(g -> g.email != null)
                    ? conn.preparedQuery(PROMOTE).execute(Tuple.of(ws, args.getArrayOfStrings(1), args.getArrayOfStrings(2))).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            Uni<RowSet<Row>> rows = promoted.chain(() -> conn.preparedQuery(sql).execute(args));
            return (this == CUSTOMER_ID ? rows.call(found -> notMergedMeanwhile(conn, found)) : rows).map(SubjectUpserts::ids);
        }
    }

    /** Fails the flush with {@link SubjectGone} (it is re-run and resolves the id to the merged customer). */
    private static Uni<Void> notMergedMeanwhile(SqlConnection conn, RowSet<Row> rows) {
        List<Long> ws = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Row row : rows) {
            if (row.getBoolean("created")) {
                ws.add(row.getLong("workspace_id"));
                ids.add(row.getString("k"));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(MERGED_MEANWHILE).execute(Tuple.of(ws.toArray(Long[]::new), ids.toArray(String[]::new)))
                .chain(found -> found.iterator().next().getLong("n") == 0
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new SubjectGone()));
    }

    private static Map<SubjectKey, Long> ids(RowSet<Row> rows) {
        Map<SubjectKey, Long> ids = new HashMap<>();
        for (Row row : rows) {
            ids.put(new SubjectKey(row.getLong("workspace_id"), row.getString("k"), row.getString("k2")), row.getLong("id"));
        }
        return ids;
    }

    static <T> T[] column(List<Group> groups, Function<Group, T> field, IntFunction<T[]> array) {
        return groups.stream().map(field).toArray(array);
    }

}

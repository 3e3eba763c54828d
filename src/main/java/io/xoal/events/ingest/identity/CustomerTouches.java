package io.xoal.events.ingest.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.TreeMap;

import static io.xoal.events.common.Instants.utc;

/**
 * What a flush's events change on the existing customers it found by id: {@code last_active}
 * raised, {@code first_event_at} lowered, an e-mail where there was none. Resolving them took no
 * lock; these rows are locked (in usid order) and written after the flush's events
 * ({@link #apply}), so that a hot customer's row is held from there to COMMIT instead of for the
 * whole flush, and no two flushes share a row lock (each share made a MultiXact, which every
 * later reader of the row looked up: more PostgreSQL CPU per event than the waits it saved).
 * The lock also keeps a merge or a delete away until COMMIT; a customer one of them removed
 * between the resolve and here fails the flush with {@link SubjectGone}, and its re-run resolves
 * the id again (to the merged customer, through its alias).
 */
public final class CustomerTouches {

    private static final String TOUCH = """
            WITH v AS (SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::text[]) AS t(u, a, f, m)),
            locked AS (SELECT c.usid FROM customers c WHERE c.usid = ANY ($1::bigint[]) ORDER BY c.usid FOR NO KEY UPDATE),
            touched AS (
              UPDATE customers c SET last_active = greatest(c.last_active, v.a),
                                     first_event_at = least(c.first_event_at, v.f),
                                     email = coalesce(c.email, v.m)
              FROM v WHERE c.usid = v.u AND c.usid = ANY ($1::bigint[])
                AND (v.a > c.last_active OR (c.last_active IS NULL AND v.a IS NOT NULL)
                     OR v.f < c.first_event_at OR (c.first_event_at IS NULL AND v.f IS NOT NULL)
                     OR (c.email IS NULL AND v.m IS NOT NULL)))
            SELECT count(*) AS n FROM locked""";

    private final TreeMap<Long, Touch> byUsid = new TreeMap<>();

    /** Two ids of one flush may name one customer (an alias of a merged id): their changes combine. */
    void add(long usid, Instant lastActive, Instant firstEvent, String email) {
        byUsid.merge(usid, new Touch(lastActive, firstEvent, email), Touch::with);
    }

    public Uni<Void> apply(SqlConnection conn) {
        if (byUsid.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple args = Tuple.of(
                byUsid.keySet().toArray(Long[]::new),
                byUsid.values().stream().map(t -> utc(t.lastActive)).toArray(OffsetDateTime[]::new),
                byUsid.values().stream().map(t -> t.firstEvent == null ? null : utc(t.firstEvent)).toArray(OffsetDateTime[]::new),
                byUsid.values().stream().map(Touch::email).toArray(String[]::new));
        return conn.preparedQuery(TOUCH).execute(args).chain(rows -> rows.iterator().next().getLong("n") == byUsid.size()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new SubjectGone()));
    }

    private record Touch(Instant lastActive, Instant firstEvent, String email) {

        Touch with(Touch other) {
            return new Touch(
                    other.lastActive.isAfter(lastActive) ? other.lastActive : lastActive,
                    firstEvent == null || other.firstEvent != null && other.firstEvent.isBefore(firstEvent) ? other.firstEvent : firstEvent,
                    email != null ? email : other.email);
        }
    }
}

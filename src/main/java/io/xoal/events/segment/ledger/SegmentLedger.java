package io.xoal.events.segment.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.xoal.events.common.Instants.utc;

/**
 * Answers from the membership table and the ledger: members now or at a past instant, one
 * customer's membership and why, a customer's segments, size over time, the transitions.
 * Every query is scoped to the caller's workspace through the segment.
 */
@ApplicationScoped
public class SegmentLedger {

    private static final int MAX_POINTS = 1000;

    private static final String OWNED = "SELECT 1 FROM segments WHERE id = $1 AND workspace_id = $2";

    private static final String MEMBERS = """
            SELECT m.usid, c.external_id, c.email, m.since, m.cause FROM segment_members m JOIN customers c ON c.usid = m.usid
            WHERE m.segment_id = $1 AND (m.since, m.usid) < ($2, $3) ORDER BY m.since DESC, m.usid DESC LIMIT $4""";

    /** The last transition of each customer at or before $2; members are those whose last one entered. */
    private static final String AT = """
            WITH last AS (
              SELECT DISTINCT ON (usid) usid, entered, at, cause FROM segment_transitions
              WHERE segment_id = $1 AND at <= $2 ORDER BY usid, at DESC, id DESC)
            SELECT l.usid, c.external_id, c.email, l.at AS since, l.cause FROM last l LEFT JOIN customers c ON c.usid = l.usid
            WHERE l.entered AND l.usid < $3 ORDER BY l.usid DESC LIMIT $4""";

    private static final String COUNT_AT = """
            SELECT count(*) FILTER (WHERE entered) AS n FROM (
              SELECT DISTINCT ON (usid) entered FROM segment_transitions
              WHERE segment_id = $1 AND at <= $2 ORDER BY usid, at DESC, id DESC) x""";

    private static final String MEMBERSHIP = """
            SELECT * FROM (
              SELECT 0 AS o, true AS member, since, cause FROM segment_members WHERE segment_id = $1 AND usid = $2
              UNION ALL
              (SELECT 1, entered, at, cause FROM segment_transitions WHERE segment_id = $1 AND usid = $2 ORDER BY at DESC, id DESC LIMIT 1)
            ) x ORDER BY o LIMIT 1""";

    private static final String TRANSITIONS = """
            SELECT t.id, t.usid, c.external_id, t.entered, t.at, t.cause FROM segment_transitions t
            LEFT JOIN customers c ON c.usid = t.usid
            WHERE t.segment_id = $1 AND t.id < $2 AND ($3::bigint IS NULL OR t.usid = $3) ORDER BY t.id DESC LIMIT $4""";

    private static final String SIZE = """
            WITH base AS (
              SELECT coalesce(sum(CASE WHEN entered THEN 1 ELSE -1 END), 0) AS n FROM segment_transitions
              WHERE segment_id = $1 AND at <= $2::timestamptz),
            deltas AS (
              SELECT $2::timestamptz + $4::interval * ceil(extract(epoch FROM at - $2::timestamptz) / extract(epoch FROM $4::interval)) AS b,
                     sum(CASE WHEN entered THEN 1 ELSE -1 END) AS d
              FROM segment_transitions WHERE segment_id = $1 AND at > $2::timestamptz AND at <= $3::timestamptz GROUP BY 1),
            points AS (SELECT generate_series($2::timestamptz, $3::timestamptz, $4::interval) AS b)
            SELECT p.b, base.n + sum(coalesce(d.d, 0)) OVER (ORDER BY p.b) AS size
            FROM points p CROSS JOIN base LEFT JOIN deltas d ON d.b = p.b ORDER BY p.b""";

    private static final String CUSTOMER_SEGMENTS = """
            SELECT s.id, s.name, m.since, m.cause FROM segment_members m JOIN segments s ON s.id = m.segment_id
            WHERE m.usid = $1 AND s.workspace_id = $2 ORDER BY s.id""";

    private final Pool pool;

    public SegmentLedger(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<LedgerViews.Member>> members(long workspaceId, long segmentId, String cursor, int limit) {
        MemberCursor after = MemberCursor.parse(cursor);
        return owned(workspaceId, segmentId)
                .chain(() -> pool.preparedQuery(MEMBERS).execute(Tuple.of(segmentId, utc(after.since()), after.usid(), limit + 1)))
                .map(rows -> Page.of(list(rows, SegmentLedger::member), limit, m -> MemberCursor.of(m.since(), m.usid())));
    }

    public Uni<Page<LedgerViews.Member>> membersAt(long workspaceId, long segmentId, Instant at, long before, int limit) {
        return owned(workspaceId, segmentId)
                .chain(() -> pool.preparedQuery(AT).execute(Tuple.of(segmentId, utc(at), before, limit + 1)))
                .map(rows -> Page.of(list(rows, SegmentLedger::member), limit, LedgerViews.Member::usid));
    }

    public Uni<LedgerViews.Count> count(long workspaceId, long segmentId, Instant at) {
        return owned(workspaceId, segmentId)
                .chain(() -> at == null ? memberCount(segmentId) : pool.preparedQuery(COUNT_AT).execute(Tuple.of(segmentId, utc(at)))
                        .map(rows -> rows.iterator().next().getLong("n")))
                .map(n -> new LedgerViews.Count(n, at));
    }

    /** The current member count of a segment the caller already knows to be the workspace's. */
    public Uni<Long> memberCount(long segmentId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM segment_members WHERE segment_id = $1").execute(Tuple.of(segmentId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<LedgerViews.Membership> membership(long workspaceId, long segmentId, String customerId) {
        return owned(workspaceId, segmentId)
                .chain(() -> usid(workspaceId, customerId))
                .chain(usid -> pool.preparedQuery(MEMBERSHIP).execute(Tuple.of(segmentId, usid)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return new LedgerViews.Membership(segmentId, customerId, false, null, "never a member");
                    }
                    Row row = rows.iterator().next();
                    return new LedgerViews.Membership(segmentId, customerId, row.getBoolean("member"),
                            row.getOffsetDateTime("since").toInstant(), row.getString("cause"));
                });
    }

    public Uni<Page<LedgerViews.Transition>> transitions(long workspaceId, long segmentId, String customerId, long before, int limit) {
        return owned(workspaceId, segmentId)
                .chain(() -> customerId == null ? Uni.createFrom().<Long>nullItem() : usid(workspaceId, customerId))
                .chain(usid -> pool.preparedQuery(TRANSITIONS).execute(Tuple.of(segmentId, before, usid, limit + 1)))
                .map(rows -> Page.of(list(rows, row -> new LedgerViews.Transition(row.getLong("id"), row.getLong("usid"),
                        row.getString("external_id"), row.getBoolean("entered"), row.getOffsetDateTime("at").toInstant(),
                        row.getString("cause"))), limit, LedgerViews.Transition::id));
    }

    public Uni<List<LedgerViews.SizePoint>> size(long workspaceId, long segmentId, Instant from, Instant to, Duration step) {
        if (!from.isBefore(to) || Duration.between(from, to).dividedBy(step) > MAX_POINTS) {
            throw ProblemException.invalidField("/from", "from must be before to, with at most " + MAX_POINTS + " intervals between");
        }
        return owned(workspaceId, segmentId)
                .chain(() -> pool.preparedQuery(SIZE).execute(Tuple.of(segmentId, utc(from), utc(to),
                        io.vertx.pgclient.data.Interval.of(0, 0, (int) step.toDays(), (int) step.toHoursPart(), 0, 0))))
                .map(rows -> list(rows, row -> new LedgerViews.SizePoint(row.getOffsetDateTime("b").toInstant(), row.getLong("size"))));
    }

    public Uni<List<LedgerViews.CustomerSegment>> customerSegments(long workspaceId, long usid) {
        return pool.preparedQuery(CUSTOMER_SEGMENTS).execute(Tuple.of(usid, workspaceId))
                .map(rows -> list(rows, row -> new LedgerViews.CustomerSegment(row.getLong("id"), row.getString("name"),
                        row.getOffsetDateTime("since").toInstant(), row.getString("cause"))));
    }

    private Uni<Long> usid(long workspaceId, String customerId) {
        return pool.preparedQuery("SELECT usid FROM customers WHERE workspace_id = $1 AND external_id = $2")
                .execute(Tuple.of(workspaceId, customerId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("No customer " + customerId);
                    }
                    return rows.iterator().next().getLong("usid");
                });
    }

    private Uni<Void> owned(long workspaceId, long segmentId) {
        return pool.preparedQuery(OWNED).execute(Tuple.of(segmentId, workspaceId))
                .invoke(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("No segment " + segmentId);
                    }
                })
                .replaceWithVoid();
    }

    private static LedgerViews.Member member(Row row) {
        return new LedgerViews.Member(row.getLong("usid"), row.getString("external_id"), row.getString("email"),
                row.getOffsetDateTime("since").toInstant(), row.getString("cause"));
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
        List<T> out = new ArrayList<>();
        rows.forEach(row -> out.add(map.apply(row)));
        return out;
    }


    /** Members pages on (since, usid), newest first: the cursor is {@code <epoch micros>_<usid>}. */
    record MemberCursor(Instant since, long usid) {

        static String of(Instant since, long usid) {
            return (since.getEpochSecond() * 1_000_000 + since.getNano() / 1000) + "_" + usid;
        }

        static MemberCursor parse(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return new MemberCursor(Instant.parse("9999-12-31T00:00:00Z"), Long.MAX_VALUE);
            }
            String[] parts = cursor.split("_");
            try {
                long micros = Long.parseLong(parts[0]);
                return new MemberCursor(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("/cursor", "is not a cursor returned by this API");
            }
        }
    }
}

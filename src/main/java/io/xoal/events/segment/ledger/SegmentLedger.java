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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.xoal.events.common.Instants.utc;

/**
 * Answers from the membership table and the ledger: members now or at a past instant, one
 * customer's membership and why (now or then), a customer's segments, size over time, the
 * transitions. Every query is scoped to the caller's workspace through the segment and runs
 * under the ledger's read time limit ({@link LedgerReads}); past instants are {@link LedgerHistory}'s.
 */
@ApplicationScoped
public class SegmentLedger {

    private static final int MAX_POINTS = 1000;

    private static final String OWNED = "SELECT 1 FROM segments WHERE id = $1 AND workspace_id = $2";

    private static final String MEMBERS = """
            SELECT m.usid, c.external_id, c.email, m.since, m.cause FROM segment_members m
            JOIN customers c ON c.workspace_id = m.workspace_id AND c.usid = m.usid
            WHERE m.workspace_id = $5 AND m.segment_id = $1 AND (m.since, m.usid) < ($2, $3) ORDER BY m.since DESC, m.usid DESC LIMIT $4""";

    private static final String TRANSITIONS = """
            SELECT t.id, t.usid, c.external_id, t.entered, t.at, t.cause FROM segment_transitions t
            LEFT JOIN customers c ON c.workspace_id = t.workspace_id AND c.usid = t.usid
            WHERE t.workspace_id = $5 AND t.segment_id = $1 AND t.id < $2 AND ($3::bigint IS NULL OR t.usid = $3) ORDER BY t.id DESC LIMIT $4""";

    private static final String CUSTOMER_SEGMENTS = """
            SELECT s.id, s.name, m.since, m.cause FROM segment_members m
            JOIN segments s ON s.workspace_id = m.workspace_id AND s.id = m.segment_id
            WHERE m.workspace_id = $2 AND m.usid = $1 ORDER BY s.id""";

    private final Pool pool;
    private final LedgerReads reads;
    private final LedgerHistory history;

    public SegmentLedger(Pool pool, LedgerReads reads, LedgerHistory history) {
        this.pool = pool;
        this.reads = reads;
        this.history = history;
    }

    public Uni<Page<LedgerViews.Member>> members(long workspaceId, long segmentId, String cursor, int limit) {
        MemberCursor after = MemberCursor.parse(cursor);
        return owned(workspaceId, segmentId)
                .chain(() -> reads.read(MEMBERS, Tuple.of(segmentId, utc(after.since()), after.usid(), limit + 1, workspaceId)))
                .map(rows -> Page.of(list(rows, SegmentLedger::member), limit, m -> MemberCursor.of(m.since(), m.usid())));
    }

    public Uni<Page<LedgerViews.Member>> membersAt(long workspaceId, long segmentId, Instant at, long before, int limit) {
        return owned(workspaceId, segmentId)
                .chain(() -> history.members(workspaceId, segmentId, at, before, limit));
    }

    public Uni<LedgerViews.Count> count(long workspaceId, long segmentId, Instant at) {
        return owned(workspaceId, segmentId)
                .chain(() -> at == null ? memberCount(workspaceId, segmentId) : history.count(workspaceId, segmentId, at))
                .map(n -> new LedgerViews.Count(n, at));
    }

    /** The current member count of a segment the caller already knows to be the workspace's. */
    public Uni<Long> memberCount(long workspaceId, long segmentId) {
        return reads.read("SELECT count(*) AS n FROM segment_members WHERE workspace_id = $1 AND segment_id = $2",
                        Tuple.of(workspaceId, segmentId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Whether the customer is a member now ({@code at} null) or was at {@code at}. */
    public Uni<LedgerViews.Membership> membership(long workspaceId, long segmentId, String customerId, Instant at) {
        return owned(workspaceId, segmentId)
                .chain(() -> usid(workspaceId, customerId))
                .chain(usid -> history.membership(workspaceId, segmentId, customerId, usid, at));
    }

    public Uni<Page<LedgerViews.Transition>> transitions(long workspaceId, long segmentId, String customerId, long before, int limit) {
        return owned(workspaceId, segmentId)
                .chain(() -> customerId == null ? Uni.createFrom().<Long>nullItem() : usid(workspaceId, customerId))
                .chain(usid -> reads.read(TRANSITIONS, Tuple.of(segmentId, before, usid, limit + 1, workspaceId)))
                .map(rows -> Page.of(list(rows, row -> new LedgerViews.Transition(row.getLong("id"), row.getLong("usid"),
                        row.getString("external_id"), row.getBoolean("entered"), row.getOffsetDateTime("at").toInstant(),
                        row.getString("cause"))), limit, LedgerViews.Transition::id));
    }

    public Uni<List<LedgerViews.SizePoint>> size(long workspaceId, long segmentId, Instant from, Instant to, Duration step) {
        if (!from.isBefore(to) || Duration.between(from, to).dividedBy(step) > MAX_POINTS) {
            throw ProblemException.invalidField("/from", "from must be before to, with at most " + MAX_POINTS + " intervals between");
        }
        return owned(workspaceId, segmentId)
                .chain(() -> history.size(workspaceId, segmentId, from, to, step));
    }

    public Uni<List<LedgerViews.CustomerSegment>> customerSegments(long workspaceId, long usid) {
        return reads.read(CUSTOMER_SEGMENTS, Tuple.of(usid, workspaceId))
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

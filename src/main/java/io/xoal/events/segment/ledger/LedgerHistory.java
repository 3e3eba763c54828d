package io.xoal.events.segment.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.data.Interval;
import io.xoal.events.common.Page;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.xoal.events.common.Instants.utc;

/**
 * The ledger's answers about a past instant T, each with bounded work however long the ledger:
 * members at T walk the customers of the ledger in usid order with two index probes each (at most
 * {@link LedgerConfig#scanPerPage()} per page); a count at T and size over time add hourly
 * buckets ({@code segment_size_hourly}, V11) and the raw transitions of T's own hour only.
 * A customer's state at T is their last transition at or before T (ties at one instant: the later id).
 * Callers have checked that the segment is the workspace's.
 */
@ApplicationScoped
class LedgerHistory {

    /** The last transition of customer {@code usid} (%2$s) at or before T, as a lateral join; %1$s is the workspace. */
    private static final String LAST = """
            (SELECT t.id, t.entered, t.at, t.cause FROM segment_transitions t
             WHERE t.workspace_id = %1$s AND t.segment_id = $1 AND t.usid = %2$s AND t.at <= $2 ORDER BY t.at DESC, t.id DESC LIMIT 1)""";

    /**
     * A loose index scan: from the cursor down, the next usid of the ledger, then its last transition
     * at or before $2; stops after $4 members or $5 customers. Returns the members and the last
     * customer looked at ({@code last}), whose usid continues the walk when the page ran out of scan.
     */
    private static final String MEMBERS = """
            WITH RECURSIVE walk (usid, entered, at, cause, n, k) AS (
              SELECT $3::bigint, false, NULL::timestamptz, NULL::text, 0, 0
              UNION ALL
              SELECT nx.usid, coalesce(l.entered, false), l.at, l.cause, w.n + CASE WHEN l.entered THEN 1 ELSE 0 END, w.k + 1
              FROM walk w
              CROSS JOIN LATERAL (SELECT t.usid FROM segment_transitions t
                                  WHERE t.workspace_id = $6 AND t.segment_id = $1 AND t.usid < w.usid ORDER BY t.usid DESC LIMIT 1) nx
              LEFT JOIN LATERAL %s l ON true
              WHERE w.n < $4 AND w.k < $5),
            far AS (SELECT max(k) AS k FROM walk)
            SELECT w.usid, c.external_id, c.email, w.at AS since, w.cause, w.entered, w.k = far.k AS last, far.k AS scanned
            FROM walk w CROSS JOIN far LEFT JOIN customers c ON c.workspace_id = $6 AND c.usid = w.usid
            WHERE w.k > 0 AND (w.entered OR w.k = far.k) ORDER BY w.usid DESC""".formatted(LAST.formatted("$6", "nx.usid"));

    /** Size at T: hourly sums of the hours that ended by T's hour, plus the transitions since. */
    private static final String COUNT = """
            SELECT (SELECT coalesce(sum(delta), 0) FROM segment_size_hourly
                    WHERE workspace_id = $3 AND segment_id = $1 AND hour_end <= date_trunc('hour', $2::timestamptz, 'UTC'))
                 + (SELECT coalesce(sum(CASE WHEN entered THEN 1 ELSE -1 END), 0) FROM segment_transitions
                    WHERE workspace_id = $3 AND segment_id = $1
                      AND at > date_trunc('hour', $2::timestamptz, 'UTC') AND at <= $2::timestamptz) AS n""";

    /**
     * Size at each point p = $2 + k * $4 up to $3: the count at $2's hour, plus the hourly sums
     * between consecutive points' hours (running), plus each point's own part-hour of transitions.
     */
    private static final String SIZE = """
            WITH points AS (SELECT p, date_trunc('hour', p, 'UTC') AS e FROM generate_series($2::timestamptz, $3::timestamptz, $4::interval) p),
            first AS (SELECT min(e) AS e0 FROM points),
            base AS (SELECT coalesce(sum(delta), 0) AS n FROM segment_size_hourly, first
                     WHERE workspace_id = $5 AND segment_id = $1 AND hour_end <= e0),
            steps AS (
              SELECT e0 + $4::interval * ceil(extract(epoch FROM hour_end - e0) / extract(epoch FROM $4::interval)) AS e, sum(delta) AS d
              FROM segment_size_hourly, first
              WHERE workspace_id = $5 AND segment_id = $1 AND hour_end > e0 AND hour_end <= (SELECT max(e) FROM points) GROUP BY 1)
            SELECT p.p AS b, base.n + sum(coalesce(s.d, 0)) OVER (ORDER BY p.p)
                   + (SELECT coalesce(sum(CASE WHEN entered THEN 1 ELSE -1 END), 0) FROM segment_transitions t
                      WHERE t.workspace_id = $5 AND t.segment_id = $1 AND t.at > p.e AND t.at <= p.p) AS size
            FROM points p CROSS JOIN base LEFT JOIN steps s ON s.e = p.e ORDER BY p.p""";

    /** One customer at T (or now, $4): the membership row wins when asked about now; else the last transition. */
    private static final String ONE = """
            WITH t AS %s
            SELECT * FROM (
              SELECT 0 AS o, true AS entered, m.since AS at, m.cause, (SELECT id FROM t) AS id FROM segment_members m
              WHERE $4 AND m.workspace_id = $5 AND m.segment_id = $1 AND m.usid = $3
              UNION ALL SELECT 1, entered, at, cause, id FROM t) x ORDER BY o LIMIT 1""".formatted(LAST.formatted("$5", "$3"));

    private final LedgerReads reads;
    private final LedgerConfig config;

    public LedgerHistory(LedgerReads reads, LedgerConfig config) {
        this.reads = reads;
        this.config = config;
    }

    /** Members at T, usid descending, from usid {@code before} down; a page may be short, the end is when it has no cursor. */
    Uni<Page<LedgerViews.Member>> members(long workspaceId, long segmentId, Instant at, long before, int limit) {
        return reads.read(MEMBERS, Tuple.of(segmentId, utc(at), before, limit + 1, config.scanPerPage(), workspaceId))
                .map(rows -> {
                    List<LedgerViews.Member> members = new ArrayList<>();
                    Long resume = null;
                    for (Row row : rows) {
                        if (row.getBoolean("entered")) {
                            members.add(new LedgerViews.Member(row.getLong("usid"), row.getString("external_id"),
                                    row.getString("email"), row.getOffsetDateTime("since").toInstant(), row.getString("cause")));
                        }
                        if (row.getBoolean("last") && row.getInteger("scanned") >= config.scanPerPage()) {
                            resume = row.getLong("usid");
                        }
                    }
                    if (members.size() > limit || resume == null) {
                        return Page.of(members, limit, LedgerViews.Member::usid);
                    }
                    return new Page<>(members, String.valueOf(resume));
                });
    }

    Uni<Long> count(long workspaceId, long segmentId, Instant at) {
        return reads.read(COUNT, Tuple.of(segmentId, utc(at), workspaceId)).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Points from {@code from} to {@code to} every {@code step} (whole hours). */
    Uni<List<LedgerViews.SizePoint>> size(long workspaceId, long segmentId, Instant from, Instant to, Duration step) {
        // Whole hours, not days: a day interval would follow the session's time zone across DST.
        Interval interval = Interval.of(0, 0, 0, (int) step.toHours(), 0, 0);
        return reads.read(SIZE, Tuple.of(segmentId, utc(from), utc(to), interval, workspaceId))
                .map(rows -> {
                    List<LedgerViews.SizePoint> points = new ArrayList<>();
                    rows.forEach(row -> points.add(new LedgerViews.SizePoint(row.getOffsetDateTime("b").toInstant(), row.getLong("size"))));
                    return points;
                });
    }

    /** Customer {@code usid} at T, or now when {@code at} is null: whether a member, since when, the transition and its cause. */
    Uni<LedgerViews.Membership> membership(long workspaceId, long segmentId, String customerId, long usid, Instant at) {
        Instant asOf = at == null ? Instant.parse("9999-12-31T00:00:00Z") : at;
        return reads.read(ONE, Tuple.of(segmentId, utc(asOf), usid, at == null, workspaceId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return new LedgerViews.Membership(segmentId, customerId, at, false, null, "never a member", null);
                    }
                    Row row = rows.iterator().next();
                    return new LedgerViews.Membership(segmentId, customerId, at, row.getBoolean("entered"),
                            row.getOffsetDateTime("at").toInstant(), row.getString("cause"), row.getLong("id"));
                });
    }
}

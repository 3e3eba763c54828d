package io.xoal.events.segment.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.segment.definition.SegmentSql;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.engine.LedgerEnrolment;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

import static io.xoal.events.common.Instants.utc;

/**
 * Brings one segment's members up to date for a set of customers, in ONE statement: to enter =
 * matches ∧ ¬member, to leave = member ∧ ¬matches; each transition is written to the ledger with
 * its cause. The caller's transaction first takes the segment's advisory lock, so one evaluation
 * of a segment runs at a time across all replicas. When an active segment reads this one
 * ({@code in_segment}), the same statement queues the customers who entered or left for it in
 * {@code segment_work}, whichever path evaluated (event-driven, sweep, recompute); such an entry's
 * event id is the segment's id negated (real event ids are positive, profile changes have none).
 * The same statement starts and ends the workflows its transitions trigger or reach as a goal
 * ({@link LedgerEnrolment}).
 */
@ApplicationScoped
public class SegmentEvaluator {

    /** First key of the two-key advisory locks that serialise evaluations of one segment. */
    static final int LOCK_CLASS = 0x5E6;

    /** Transitions made by one evaluation. */
    public record Result(long entered, long left) {
    }

    /** Waits for the segment's lock, held until the caller's transaction ends. */
    public Uni<Void> lock(SqlConnection conn, long segmentId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock($1, $2)")
                .execute(Tuple.of(LOCK_CLASS, (int) segmentId))
                .replaceWithVoid();
    }

    /** Takes the segment's lock if it is free; false when another evaluation holds it. */
    public Uni<Boolean> tryLock(SqlConnection conn, long segmentId) {
        return conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1, $2) AS locked")
                .execute(Tuple.of(LOCK_CLASS, (int) segmentId))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** Evaluates only {@code usids}; each transition's cause is {@code causes[i]} of its customer. */
    public Uni<Result> candidates(SqlConnection conn, LiveSegment segment, Long[] usids, String[] causes, Instant now) {
        SqlParams params = new SqlParams();
        String given = params.add(usids, "bigint[]");
        String causeList = params.add(causes, "text[]");
        Statement s = new Statement(params, segment, now);
        String matches = SegmentSql.matches(segment.definition(), segment.workspaceId(), now, new SegmentSql.Scope.Candidates(given), params);
        String sql = "WITH " + matches + ",\ncand AS (SELECT * FROM unnest(" + given + ", " + causeList + ") AS x(usid, cause)),\n"
                + s.diff(" AND sm.usid = ANY(" + given + ")", "coalesce(k.cause, 'profile change')", " LEFT JOIN cand k ON k.usid = %s.usid");
        return run(conn, sql, params);
    }

    /** Evaluates customers {@code lo..hi} (a chunk of a full recompute, or all when the range is all). */
    public Uni<Result> range(SqlConnection conn, LiveSegment segment, long lo, long hi, String cause, Instant now) {
        SqlParams params = new SqlParams();
        String matches = SegmentSql.matches(segment.definition(), segment.workspaceId(), now, new SegmentSql.Scope.Range(lo, hi), params);
        Statement s = new Statement(params, segment, now);
        String causeParam = params.add(cause, "text");
        String sql = "WITH " + matches + ",\n" + s.diff(" AND sm.usid BETWEEN " + params.add(lo, "bigint") + " AND "
                + params.add(hi, "bigint"), causeParam, "");
        return run(conn, sql, params);
    }

    private static Uni<Result> run(SqlConnection conn, String sql, SqlParams params) {
        return conn.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            Row row = rows.iterator().next();
            return new Result(row.getLong("entered"), row.getLong("left"));
        });
    }

    /** The diff-and-ledger part shared by both scopes. */
    private static final class Statement {
        private final String segment;
        private final String workspace;
        private final String at;
        /** The condition on {@code segment_members sm} that it is this segment's. */
        private final String ofSegment;

        Statement(SqlParams params, LiveSegment live, Instant now) {
            this.segment = params.add(live.id(), "bigint");
            this.workspace = params.add(live.workspaceId(), "bigint");
            this.at = params.add(utc(now), "timestamptz");
            this.ofSegment = "sm.workspace_id = " + workspace + " AND sm.segment_id = " + segment;
        }

        /**
         * @param scope    restricts the members considered for leaving
         * @param cause    the SQL expression of a transition's cause ({@code k} is the candidate row when joined)
         * @param joinCause a join (with %s for the row alias) that brings {@code k} in, or empty
         */
        String diff(String scope, String cause, String joinCause) {
            String key = workspace + ", " + segment;
            return "entered AS (INSERT INTO segment_members (workspace_id, segment_id, usid, since, cause)\n"
                    + "  SELECT " + key + ", m.usid, " + at + ", " + cause + " FROM matches m" + joinCause.formatted("m") + "\n"
                    + "  WHERE NOT EXISTS (SELECT 1 FROM segment_members sm WHERE " + ofSegment + " AND sm.usid = m.usid)\n"
                    + "    AND EXISTS (SELECT 1 FROM customers x WHERE x.workspace_id = " + workspace + " AND x.usid = m.usid)\n"
                    + "  ON CONFLICT DO NOTHING RETURNING usid, cause),\n"
                    + "gone AS (DELETE FROM segment_members sm WHERE " + ofSegment + scope + "\n"
                    + "  AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.usid = sm.usid) RETURNING sm.usid),\n"
                    + "ledger AS (INSERT INTO segment_transitions (workspace_id, segment_id, usid, entered, at, cause)\n"
                    + "  SELECT " + key + ", usid, true, " + at + ", cause FROM entered\n"
                    + "  UNION ALL SELECT " + key + ", g.usid, false, " + at + ", " + cause + " FROM gone g" + joinCause.formatted("g") + "\n"
                    + "  RETURNING id, workspace_id, segment_id, usid, entered, at, cause),\n"
                    + LedgerEnrolment.ctes("ledger") + ",\n"
                    + "told AS (INSERT INTO segment_work (workspace_id, usids, event_ids, names, created_at)\n"
                    + "  SELECT " + workspace + ", array_agg(x.usid), array_agg(-" + segment + "), array_agg(NULL::text), now()\n"
                    + "  FROM (SELECT usid FROM entered UNION ALL SELECT usid FROM gone) x\n"
                    + "  HAVING count(*) > 0 AND EXISTS (SELECT 1 FROM segments d WHERE d.workspace_id = " + workspace
                    + " AND d.status = 'active' AND d.depends_on @> ARRAY[" + segment + "]))\n"
                    + "SELECT (SELECT count(*) FROM entered) AS entered, (SELECT count(*) FROM gone) AS left";
        }
    }
}

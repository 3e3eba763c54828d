package io.xoal.events.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.AdvisoryLocks;
import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The hourly counts of customers' events ({@code event_counts_hourly}, V20): triggers on {@code events}
 * append a delta row per statement and hour; this folds each hour's rows into one, and answers
 * trends totals whose bucket bounds are whole UTC hours. Rows still uncommitted are not seen and are
 * folded next time, so sums stay exact; one replica folds at a time (advisory lock).
 */
@ApplicationScoped
public class HourlyCounts {

    /** Advisory lock key of the fold, "xoalcnts" (concurrent folds could deadlock on each other's rows). */
    static final long LOCK = 0x786f616c636e7473L;

    /** Hours folded per run, at most; the rest wait for the next run. */
    private static final int HOURS_PER_RUN = 20_000;

    private static final String FOLD = """
            WITH hours AS (
              SELECT DISTINCT workspace_id, name, hour FROM event_counts_hourly WHERE NOT compacted LIMIT $1),
            gone AS (
              DELETE FROM event_counts_hourly c USING hours x
              WHERE c.workspace_id = x.workspace_id AND c.name = x.name AND c.hour = x.hour
              RETURNING c.workspace_id, c.name, c.hour, c.delta)
            INSERT INTO event_counts_hourly (workspace_id, name, hour, delta, compacted)
            SELECT workspace_id, name, hour, sum(delta), true FROM gone GROUP BY 1, 2, 3""";

    /** Stored analytics answers a day old are dropped (a question asked again is read anew). */
    private static final String FORGET_ANSWERS = "DELETE FROM analytics_answers WHERE computed_at < now() - interval '1 day'";

    private final Pool pool;

    public HourlyCounts(Pool pool) {
        this.pool = pool;
    }

    /** Folds up to {@value #HOURS_PER_RUN} hours and drops day-old answers; the number of hours folded (0 when another replica is folding). */
    public Uni<Integer> fold() {
        return AdvisoryLocks.ifFree(pool, LOCK, conn -> conn.preparedQuery(FOLD).execute(Tuple.of(HOURS_PER_RUN))
                .call(() -> conn.query(FORGET_ANSWERS).execute())
                .map(folded -> folded.rowCount()));
    }

    /** The start of the hour after the one holding {@code t} (an exclusive bound of whole hours). */
    static Instant hourAfter(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }

    /** {@code (name, b, v)}: the count of each name's events in each bucket of {@code span} (whole UTC hours only). */
    static String totals(long workspaceId, List<String> names, Span span, SqlParams params) {
        String bounds = params.add(span.bounds().stream().map(Instants::utc).toArray(OffsetDateTime[]::new), "timestamptz[]");
        return "SELECT c.name, width_bucket(c.hour, " + bounds + ") AS b, sum(c.delta)::bigint AS v"
                + " FROM event_counts_hourly c WHERE c.workspace_id = " + params.add(workspaceId, "bigint")
                + " AND c.name = ANY(" + params.add(names.toArray(String[]::new), "text[]") + ")"
                + " AND c.hour >= " + params.add(Instants.utc(span.from()), "timestamptz")
                + " AND c.hour < " + params.add(Instants.utc(span.to()), "timestamptz")
                + " GROUP BY 1, 2";
    }
}

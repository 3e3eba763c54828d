package io.xoal.events.segment.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the hourly size buckets ({@code segment_size_hourly}, V11) at one row per segment and
 * hour: every statement that appends transitions appends one row per hour it touched, and this
 * folds the rows of each hour that has new ones into their sum. Rows still uncommitted are not
 * seen and are folded next time, so sums stay exact; one replica folds at a time (advisory lock).
 */
@ApplicationScoped
public class SizeBuckets {

    /** Advisory lock key of the fold, "xoalsize" (one replica at a time: concurrent folds could deadlock on each other's rows). */
    static final long LOCK = 0x786f616c73697a65L;

    /** Hours folded per run, at most; the rest wait for the next run. */
    private static final int HOURS_PER_RUN = 10_000;

    private static final String FOLD = """
            WITH hours AS (
              SELECT DISTINCT workspace_id, segment_id, hour_end FROM segment_size_hourly WHERE NOT compacted LIMIT $1),
            gone AS (
              DELETE FROM segment_size_hourly h USING hours x
              WHERE h.workspace_id = x.workspace_id AND h.segment_id = x.segment_id AND h.hour_end = x.hour_end
              RETURNING h.workspace_id, h.segment_id, h.hour_end, h.delta)
            INSERT INTO segment_size_hourly (workspace_id, segment_id, hour_end, delta, compacted)
            SELECT workspace_id, segment_id, hour_end, sum(delta), true FROM gone GROUP BY 1, 2, 3""";

    private final Pool pool;

    public SizeBuckets(Pool pool) {
        this.pool = pool;
    }

    /** Folds up to {@value #HOURS_PER_RUN} hours; the number folded (0 when another replica is folding). */
    public Uni<Integer> compact() {
        return AdvisoryLocks.ifFree(pool, LOCK, conn -> conn.preparedQuery(FOLD).execute(Tuple.of(HOURS_PER_RUN))
                .map(folded -> folded.rowCount()));
    }
}

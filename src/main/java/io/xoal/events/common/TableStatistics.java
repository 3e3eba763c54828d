package io.xoal.events.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the planner's statistics of a hot table up to date after bulk changes, without waiting for
 * autovacuum (off, or behind). Without them the planner costs indexes blind:
 * <ul>
 * <li>{@code segment_members}: the event-driven diff probes a segment's members by (segment,
 * customer); not knowing a segment grew to a million members it scanned the whole segment instead
 * (217 ms instead of 8 ms for 2,400 candidates on the bench database);</li>
 * <li>{@code workflow_runs}: admission probes each candidate's enrolment key; never analyzed, the
 * table was probed through another index leading with (workspace, workflow), filtering every run
 * of the workflow per candidate (3.5 s for 200 candidates at 26k runs).</li>
 * </ul>
 * Changes are added up per table on this replica; once they reach a tenth of the table's estimated
 * size, the table is analyzed (sampled, so bounded; SKIP_LOCKED, so a replica already analyzing it
 * is not waited for) and the sum starts again.
 */
@ApplicationScoped
public class TableStatistics {

    private static final Logger LOG = Logger.getLogger(TableStatistics.class);

    private static final String ESTIMATE = "SELECT reltuples::bigint AS estimate FROM pg_class WHERE oid = $1::regclass";

    private final Pool pool;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

    public TableStatistics(Pool pool) {
        this.pool = pool;
    }

    /** True when {@code changed} rows are a tenth or more of the table's estimated size (-1: never analyzed). */
    public static boolean stale(long changed, long estimate) {
        return changed > 0 && changed * 10 >= Math.max(0, estimate);
    }

    /**
     * After {@code changed} rows of {@code table} (a table name of the caller's, never a user's
     * value) changed; never fails (the statistics are only a hint).
     */
    public Uni<Void> afterBulkChange(String table, long changed) {
        if (changed == 0) {
            return Uni.createFrom().voidItem();
        }
        AtomicLong sum = pending.computeIfAbsent(table, t -> new AtomicLong());
        long since = sum.addAndGet(changed);
        return pool.preparedQuery(ESTIMATE).execute(Tuple.of(table))
                .chain(rows -> stale(since, rows.iterator().next().getLong("estimate"))
                        ? pool.query("ANALYZE (SKIP_LOCKED) " + table).execute().invoke(() -> sum.addAndGet(-since)).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Analyzing %s failed (its statistics stay as they were): %s", table, failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }
}

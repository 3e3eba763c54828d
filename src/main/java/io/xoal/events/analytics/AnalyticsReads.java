package io.xoal.events.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs one analytics statement in a READ ONLY transaction under {@code xoal.analytics.read-timeout}:
 * an analytics question can neither write nor hold the database for long, and one that runs out of
 * time is a 422 problem rather than a 500.
 */
@ApplicationScoped
public class AnalyticsReads {

    private final Pool pool;
    private final AnalyticsConfig config;

    public AnalyticsReads(Pool pool, AnalyticsConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * {@link #read} in a REPEATABLE READ transaction, with the snapshot it read (for
     * {@link AnswerCache}: the answer holds as long as nothing that snapshot did not see changed it).
     */
    public Uni<Snapshotted> readInSnapshot(String sql, SqlParams params) {
        String limits = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off; SET LOCAL statement_timeout = "
                + config.readTimeout().toMillis();
        return pool.withTransaction(conn -> conn.query(limits).execute()
                        .chain(() -> conn.query("SELECT pg_current_snapshot()::text AS s").execute())
                        .chain(snapshot -> conn.preparedQuery(sql).execute(params.tuple())
                                .map(rows -> new Snapshotted(rows, snapshot.iterator().next().getString("s")))))
                .onFailure().transform(AnalyticsReads::timedOut);
    }

    public Uni<RowSet<Row>> read(String sql, SqlParams params) {
        // No JIT: a funnel's per-step probes are estimated dear enough to cross the JIT threshold, and compiling took
        // ~23 s of a 0.7 s funnel (3 steps, 27k entries, 400k events) on the 2-core machine (docs/analytics.md).
        String limits = "SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL statement_timeout = " + config.readTimeout().toMillis();
        return pool.withTransaction(conn -> conn.query(limits).execute()
                        .chain(() -> conn.preparedQuery(sql).execute(params.tuple())))
                .onFailure().transform(AnalyticsReads::timedOut);
    }

    private static Throwable timedOut(Throwable failure) {
        return ProblemException.whenTimedOut(failure,
                "The analytics read took longer than its time limit (xoal.analytics.read-timeout); ask for a shorter range");
    }

    /** An answer's rows and the snapshot (pg_snapshot as text) they were read in. */
    public record Snapshotted(RowSet<Row> rows, String snapshot) {
    }
}

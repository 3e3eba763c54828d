package io.xoal.events.segment.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Runs one ledger read in a READ ONLY transaction under the configured statement timeout, so that
 * an admin read of a long ledger can neither write nor hold the database for long; a read that
 * runs out of time is a 422 problem, not a 500.
 */
@ApplicationScoped
public class LedgerReads {

    private final Pool pool;
    private final LedgerConfig config;

    public LedgerReads(Pool pool, LedgerConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<RowSet<Row>> read(String sql, Tuple args) {
        // No JIT: these are short index-driven reads whose estimates (a subquery per size point) can cross the
        // JIT threshold; compiling them took ~1.1 s of a 12 ms query at 1M transitions (docs/performance.md).
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL statement_timeout = "
                                + config.readTimeout().toMillis()).execute()
                        .chain(() -> conn.preparedQuery(sql).execute(args)))
                .onFailure().transform(failure -> ProblemException.whenTimedOut(failure,
                        "The ledger read took longer than its time limit (xoal.segments.ledger.read-timeout); ask for a shorter span or fewer items"));
    }
}

package io.xoal.events.common;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's own database sessions never JIT-compile a statement. Segment evaluation writes
 * statements of many CTEs over large tables that the planner costs far above PostgreSQL's JIT
 * thresholds but that run in milliseconds to a second; compiling them took 2.5 s of a 4.3 s
 * recompute statement on the bench data (docs/performance.md, run I). The sessions are opened with
 * {@code jit=off} (a startup parameter, so no statement and no round trip per transaction).
 */
@QuarkusTest
class DatabaseSessionTest {

    /** Estimated far above any default JIT threshold, yet cheap enough to plan. */
    private static final String COSTLY = "SELECT count(*) FROM pg_class a, pg_class b, pg_class c, pg_class d";

    @Inject
    Pool pool;

    /**
     * A statement is prepared once per session and kept: planning a read over the event
     * partitions costs more than running it (docs/performance.md, issue 13). Executed seven times
     * on one session, it is one prepared statement that was planned or reused seven times.
     */
    @Test
    void aStatementRunAgainOnASessionIsNotPreparedAgain() {
        String feed = "SELECT id FROM events WHERE workspace_id = $1 AND id < $2 ORDER BY id DESC LIMIT 10";
        long plans = pool.withConnection(conn -> {
            Uni<?> runs = Uni.createFrom().voidItem();
            for (int i = 0; i < 7; i++) {
                runs = runs.chain(() -> conn.preparedQuery(feed).execute(Tuple.of(1L, Long.MAX_VALUE)));
            }
            return runs.chain(() -> conn.preparedQuery("SELECT count(*) AS statements, sum(generic_plans + custom_plans) AS plans"
                            + " FROM pg_prepared_statements WHERE statement = $1").execute(Tuple.of(feed)))
                    .map(rows -> {
                        Row row = rows.iterator().next();
                        assertEquals(1L, row.getLong("statements"), "prepared once");
                        return row.getLong("plans");
                    });
        }).await().indefinitely();
        assertEquals(7L, plans);
    }

    @Test
    void theServicesSessionsHaveJitOff() {
        assertEquals("off", pool.query("SHOW jit").execute().await().indefinitely().iterator().next().getString(0));
    }

    @Test
    void aStatementCostedAboveTheJitThresholdIsNotCompiled() {
        JsonObject plan = new JsonArray(pool.query("EXPLAIN (FORMAT JSON) " + COSTLY).execute().await().indefinitely()
                .iterator().next().getValue(0).toString()).getJsonObject(0);
        double threshold = Double.parseDouble(pool.query("SELECT current_setting('jit_above_cost')").execute().await()
                .indefinitely().iterator().next().getString(0));

        assertTrue(plan.getJsonObject("Plan").getDouble("Total Cost") > threshold, "the statement is costed above jit_above_cost");
        assertFalse(plan.containsKey("JIT"), "the plan is JIT-compiled: " + plan.getValue("JIT"));
    }
}

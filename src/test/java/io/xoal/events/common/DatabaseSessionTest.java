package io.xoal.events.common;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
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

package io.xoal.events.segment.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.common.QueryPlans;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.segment.definition.Definitions;
import io.xoal.events.segment.definition.SegmentSql;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A touched customer with many events today costs an event-driven evaluation of "performed X in
 * the last N days" a few rollup rows, not a scan of their day: the events of the window's first
 * and last day are read only for customers whose rollup row says the window's edge cuts that day
 * (events on both sides of the start; events after the end). The hottest customers are touched by
 * nearly every drain, so a scan of their day there is paid by every segment in every drain.
 */
@QuarkusTest
class HotCustomerPlanTest {

    private static final int TODAY = 1500;

    @Inject
    Pool pool;

    @Test
    void aHotCustomersDayIsNotScannedWhenTheRollupCoversIt() {
        TestWorkspace ws = TestWorkspace.create();
        long usid = hotCustomer(ws);
        SqlParams params = new SqlParams();
        String candidates = params.add(new Long[]{usid}, "bigint[]");
        assertEventsReadForOneMatch(ws, new SegmentSql.Scope.Candidates(candidates), params);
    }

    /**
     * The same for a recompute: the events of the window's last day (today) are read only for the
     * customers whose rollup row has events after the end, not all of today's events of the name
     * (which grow with every event ingested today, and were read once per recompute chunk).
     */
    @Test
    void aRecomputeDoesNotScanTodaysEvents() {
        TestWorkspace ws = TestWorkspace.create();
        long usid = hotCustomer(ws);
        assertEventsReadForOneMatch(ws, new SegmentSql.Scope.Range(usid, usid), new SqlParams());
    }

    /** A customer of {@code ws} with {@value TODAY} search events today, all before now. */
    private static long hotCustomer(TestWorkspace ws) {
        String user = unique("hot");
        Instant now = Instant.now();
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        long span = Math.max(1, ChronoUnit.MILLIS.between(midnight, now) - 1000);
        for (int sent = 0; sent < TODAY; sent += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = sent; i < sent + 500; i++) {
                Instant at = midnight.plusMillis(span * i / TODAY);
                batch.add(Map.of("event", "search", "timestamp", at.toString(), "properties", Map.of("userId", user)));
            }
            ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        }
        return TestDatabase.number("SELECT usid FROM customers WHERE workspace_id = ? AND external_id = ?", ws.id(), user);
    }

    private void assertEventsReadForOneMatch(TestWorkspace ws, SegmentSql.Scope scope, SqlParams params) {
        String matches = SegmentSql.matches(Definitions.parse("{'performed':{'event':'search','window':{'days':3}}}"), ws.id(),
                Instant.now(), scope, params);
        JsonObject plan = QueryPlans.analyze(pool, "WITH " + matches + " SELECT count(*) AS n FROM matches", params.tuple());

        assertEquals(1, matches(matches, params.tuple()), "the customer performed search in the last 3 days");
        long read = QueryPlans.eventRowsRead(plan);
        assertTrue(read < TODAY / 10, read + " events read for one customer whose day the rollup covers");
    }

    private long matches(String matches, io.vertx.mutiny.sqlclient.Tuple params) {
        return pool.preparedQuery("WITH " + matches + " SELECT count(*) AS n FROM matches").execute(params).await().indefinitely()
                .iterator().next().getLong("n");
    }
}

package io.xoal.events.segment.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TableStatistics;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recompute that changes a large share of {@code segment_members} refreshes the table's planner
 * statistics itself: without them (autovacuum off, or behind) the event-driven diff of a segment
 * that just grew to a million members was planned as a scan of all of them (217 ms instead of 8 ms
 * for 2,400 candidates, measured on the bench database).
 */
@QuarkusTest
class MemberStatisticsTest {

    private static final String ANALYZED = "SELECT analyze_count + autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'segment_members'";

    @Test
    void aRecomputeThatChangesManyMembersAnalyzesTheTable() {
        long members = TestDatabase.number("SELECT count(*) FROM segment_members");
        analyze();
        long before = TestDatabase.number(ANALYZED);

        TestWorkspace ws = TestWorkspace.create();
        String event = unique("stat");
        for (long sent = 0; sent < members / 5 + 10; sent += 2500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                batch.add(Map.of("event", event, "properties", Map.of("userId", unique("u"))));
            }
            ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        }
        SegmentFailureIsolationTest.segment(ws, "grown", Map.of("performed", Map.of("event", event)));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.number(ANALYZED) > before);
    }

    @Test
    void theStatisticsAreStaleWhenAChangeIsATenthOfTheTable() {
        assertTrue(TableStatistics.stale(1, -1));
        assertTrue(TableStatistics.stale(100, 1000));
        assertFalse(TableStatistics.stale(99, 1000));
        assertFalse(TableStatistics.stale(0, -1));
    }

    /** Makes the table's estimate its real size, so that the share a recompute changes is known. */
    private static void analyze() {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE segment_members");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

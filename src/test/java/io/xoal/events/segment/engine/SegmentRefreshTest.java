package io.xoal.events.segment.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.segment.SegmentConfig;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.engine.SegmentFailureIsolationTest.get;
import static io.xoal.events.segment.engine.SegmentFailureIsolationTest.purchase;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The full recompute's state as GET shows it: paused segments, and a recompute whose replica died. */
@QuarkusTest
class SegmentRefreshTest {

    private static final Map<String, Object> BUYERS = Map.of("performed", Map.of("event", "purchase"));

    @Inject
    TestClock clock;
    @Inject
    SegmentRefresher refresher;
    @Inject
    SegmentConfig config;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static long paused(TestWorkspace ws) {
        return ws.admin().body(Map.of("name", "later", "status", "paused", "definition", BUYERS)).post("/v1/segments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aPausedSegmentsRefreshSaysItIsPausedAndItIsRecomputedWhenResumed() {
        TestWorkspace ws = TestWorkspace.create();
        String user = unique("u");
        purchase(ws, user);
        long id = paused(ws);
        refresher.refreshAll().await().atMost(Duration.ofSeconds(20));
        ws.admin().get("/v1/segments/" + id).then().body("refresh.state", is("paused")).body("members", is(0));

        ws.admin().body(Map.of("name", "later", "definition", BUYERS)).put("/v1/segments/" + id).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(get(ws, id).getString("refresh.state")));
        ws.admin().get("/v1/segments/" + id).then().body("members", is(1));
    }

    @Test
    void aRecomputeWhoseHeartbeatIsStaleIsTakenOver() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        purchase(ws, unique("u"));
        purchase(ws, unique("u"));
        long id = paused(ws);
        // As a replica left it that died halfway: running, its heartbeat as of now.
        try (Connection connection = TestDatabase.connect(); PreparedStatement update = connection.prepareStatement("""
                UPDATE segments SET status = 'active', refresh_state = 'running', refresh_version = version, refresh_percent = 50,
                  refresh_started_at = ?, refresh_heartbeat = ? WHERE id = ?""")) {
            java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
            update.setTimestamp(1, now);
            update.setTimestamp(2, now);
            update.setLong(3, id);
            update.executeUpdate();
        }
        assertEquals(0, refresher.refreshAll().await().atMost(Duration.ofSeconds(20)));
        ws.admin().get("/v1/segments/" + id).then().body("refresh.state", is("running")).body("refresh.percent", is(50));

        clock.advance(config.refreshStale().plusSeconds(1));
        assertEquals(1, refresher.refreshAll().await().atMost(Duration.ofSeconds(20)));
        ws.admin().get("/v1/segments/" + id).then().body("refresh.state", is("done")).body("refresh.percent", is(100))
                .body("members", is(2));
    }
}

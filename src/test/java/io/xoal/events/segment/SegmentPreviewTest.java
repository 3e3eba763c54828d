package io.xoal.events.segment;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.segment.engine.SegmentWorker;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preview's time limit (a 422 in bounded time) and its lack of side effects, with a backtest too. */
@QuarkusTest
class SegmentPreviewTest {

    /** The preview limit's default (the test profile keeps it). */
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private static final Map<String, Object> BUYERS = Map.of("performed", Map.of("event", "purchase", "window", Map.of("days", 30)));

    @Inject
    SegmentWorker worker;

    private TestWorkspace ws;

    @BeforeEach
    void buyers() {
        ws = TestWorkspace.create();
        for (int i = 0; i < 3; i++) {
            ws.ingest().body(Map.of("event", "purchase", "properties", Map.of("userId", unique("buyer")))).post("/ingest/v1/event")
                    .then().statusCode(200);
        }
    }

    /** Rows of the workspace in every table a segment evaluation writes. */
    private List<Long> segmentRows() {
        return List.of(
                TestDatabase.number("SELECT count(*) FROM segments WHERE workspace_id = ?", ws.id()),
                TestDatabase.number("SELECT count(*) FROM segment_members m JOIN segments s ON s.id = m.segment_id WHERE s.workspace_id = ?", ws.id()),
                TestDatabase.number("SELECT count(*) FROM segment_transitions t JOIN segments s ON s.id = t.segment_id WHERE s.workspace_id = ?", ws.id()),
                TestDatabase.number("SELECT count(*) FROM segment_work WHERE workspace_id = ?", ws.id()));
    }

    @Test
    void aPreviewWritesNothing() {
        // A live segment of the workspace, so that an evaluation would have somewhere to write; its work drained.
        ws.admin().body(Map.of("name", "live", "definition", BUYERS)).post("/v1/segments").then().statusCode(201);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> worker.drainOnce().await().atMost(Duration.ofSeconds(10)) == 0
                && TestDatabase.number("SELECT count(*) FROM segments WHERE workspace_id = ? AND refresh_state = 'done'", ws.id()) == 1);
        List<Long> before = segmentRows();

        ws.admin().body(Map.of("definition", BUYERS)).post("/v1/segments/preview").then().statusCode(200)
                .body("count", is(3)).body("sample.size()", is(3));
        ws.admin().body(Map.of("definition", Map.of("not", BUYERS))).post("/v1/segments/preview").then().statusCode(200);
        ws.admin().body(Map.of("definition", BUYERS, "history", Map.of("days", 30, "interval", "day"))).post("/v1/segments/preview")
                .then().statusCode(200).body("history.size()", is(31)).body("history[30].count", is(3));

        assertEquals(before, segmentRows(), "segments, members, transitions, work of the workspace");
    }

    @Test
    void aSlowPreviewIsA422WithinItsTimeLimit() throws Exception {
        try (Connection blocker = TestDatabase.begin()) {
            // The preview must read customers; this lock makes it wait for as long as the test holds it.
            blocker.createStatement().execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE");
            long started = System.nanoTime();
            ws.admin().body(Map.of("definition", BUYERS)).post("/v1/segments/preview").then().statusCode(422)
                    .contentType("application/problem+json").body("status", is(422))
                    .body("detail", containsString("longer than " + LIMIT.toSeconds() + " s"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(LIMIT.minusMillis(100)) >= 0 && took.compareTo(LIMIT.plusSeconds(5)) < 0, "answered after " + took);
            blocker.rollback();
        }
        ws.admin().body(Map.of("definition", BUYERS)).post("/v1/segments/preview").then().statusCode(200).body("count", is(3));
    }
}

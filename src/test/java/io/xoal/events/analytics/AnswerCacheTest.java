package io.xoal.events.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;

/**
 * Stored funnel and retention answers are served again only while they hold. A stored answer is
 * marked (its entered count set to 999 in the table) so that a test can tell a served one from one
 * read anew: the mark shows while no event of the question's names in its hours changed, and is gone
 * after one did — also when that event's transaction was still open while the answer was read.
 */
@QuarkusTest
class AnswerCacheTest {

    private static final Map<String, Object> FUNNEL = Map.of(
            "steps", List.of(Map.of("event", "signed_up"), Map.of("event", "upgraded")),
            "window", Map.of("days", 7), "from", "2026-10-01", "to", "2026-11-01", "tz", "UTC");

    private TestWorkspace ws;

    @BeforeEach
    void data() {
        ws = new AnalyticsData()
                .event("signed_up", "c1", "2026-10-01T00:00:00Z")
                .event("upgraded", "c1", "2026-10-02T00:00:00Z")
                .event("signed_up", "c2", "2026-10-05T00:00:00Z")
                .ingest();
    }

    @Test
    void aStoredFunnelIsServedUntilAnEventOfItsNamesAndHoursChanges() throws Exception {
        entered(2, 1);
        mark();
        entered(999, 1);

        ingest("page_viewed", "c2", "2026-10-05T01:00:00Z");
        ingest("signed_up", "c3", "2026-11-20T00:00:00Z");
        entered(999, 1);

        ingest("upgraded", "c2", "2026-10-06T00:00:00Z");
        entered(2, 2);
        mark();
        ws.admin().delete("/v1/customers/c2").then().statusCode(204);
        entered(1, 1);
    }

    @Test
    void anEventWhoseTransactionWasOpenWhileTheAnswerWasReadMakesItStale() throws Exception {
        try (Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO events (workspace_id, occurred_at, received_at, message_id, name, subject_kind, subject_id, properties, source)
                    SELECT workspace_id, '2026-10-03T00:00:00Z', now(), gen_random_uuid()::text, 'upgraded', 'customer', usid, '{}', 'api'
                    FROM customers WHERE workspace_id = ? AND external_id = 'c2'""")) {
                insert.setLong(1, ws.id());
                insert.executeUpdate();
            }
            entered(2, 1);
            mark();
            entered(999, 1);
            db.commit();
        }
        entered(2, 1);
    }

    @Test
    void aStoredRetentionGridIsServedUntilItsEventsChange() throws Exception {
        Map<String, Object> grid = Map.of("cohort_event", "signed_up", "return_event", "upgraded", "interval", "week",
                "periods", 2, "from", "2026-09-28", "tz", "UTC");
        ws.admin().body(grid).post("/v1/analytics/retention").then().statusCode(200).body("cohorts.size", contains(1, 1));
        try (Connection db = TestDatabase.connect();
             PreparedStatement mark = db.prepareStatement(
                     "UPDATE analytics_answers SET answer = regexp_replace(answer, '\"size\":1', '\"size\":999') WHERE workspace_id = ?")) {
            mark.setLong(1, ws.id());
            mark.executeUpdate();
        }
        ws.admin().body(grid).post("/v1/analytics/retention").then().statusCode(200).body("cohorts.size", contains(999, 1));
        ingest("signed_up", "c9", "2026-10-06T00:00:00Z");
        ws.admin().body(grid).post("/v1/analytics/retention").then().statusCode(200).body("cohorts.size", contains(1, 2));
    }

    private void entered(int first, int second) {
        ws.admin().body(FUNNEL).post("/v1/analytics/funnels").then().statusCode(200)
                .body("steps.entered", contains(first, second));
    }

    /** Marks the workspace's stored funnel: its first step's entered count becomes 999. */
    private void mark() throws Exception {
        try (Connection db = TestDatabase.connect();
             PreparedStatement mark = db.prepareStatement(
                     "UPDATE analytics_answers SET answer = regexp_replace(answer, '\"entered\":[0-9]+', '\"entered\":999') WHERE workspace_id = ?")) {
            mark.setLong(1, ws.id());
            mark.executeUpdate();
        }
    }

    private void ingest(String name, String user, String time) {
        ws.ingest().body(Map.of("event", name, "properties", Map.of("userId", user, "time", time)))
                .post("/ingest/v1/event").then().statusCode(200);
    }
}

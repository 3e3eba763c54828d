package io.xoal.events.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trends totals from the hourly counts (V20) stay exact whatever writes or removes events: the
 * flush, an anonymous history merged into a customer, a deleted customer, and the fold.
 */
@QuarkusTest
class HourlyCountsTest {

    private static final String HOURS = "/v1/analytics/trends?events=login&from=2026-10-10T10:00:00Z&to=2026-10-10T12:00:00Z&interval=hour";

    @Inject
    HourlyCounts counts;

    private TestWorkspace ws;

    @BeforeEach
    void data() {
        ws = new AnalyticsData()
                .event("login", "u1", "2026-10-10T10:15:00Z")
                .event("login", "u1", "2026-10-10T10:45:00Z")
                .event("login", "u2", "2026-10-10T10:30:00Z")
                .event("login", "u2", "2026-10-10T11:05:00Z")
                .event("feature_used", "u1", "2026-10-10T10:20:00Z")
                .ingest();
    }

    @Test
    void totalsStayExactThroughMergesDeletesAndFolds() throws Exception {
        hourly(3, 1);
        // A zone with a half-hour offset has no whole-hour bounds: read from the events, the same numbers.
        ws.admin().get("/v1/analytics/trends?events=login&from=2026-10-10&to=2026-10-11&interval=day&tz=Asia/Kolkata")
                .then().statusCode(200).body("source", is("events")).body("series[0].points.value", contains(4));

        ws.ingest().body(Map.of("anonymousId", "anon-1", "event", "login", "timestamp", "2026-10-10T10:50:00Z"))
                .post("/v1/track").then().statusCode(200);
        hourly(4, 1);
        ws.ingest().body(Map.of("userId", "u3", "anonymousId", "anon-1")).post("/v1/identify").then().statusCode(200);
        hourly(4, 1);

        ws.admin().delete("/v1/customers/u1").then().statusCode(204);
        hourly(2, 1);

        assertTrue(counts.fold().await().indefinitely() > 0, "the fold found hours to fold");
        assertEquals(0, unfolded());
        hourly(2, 1);
    }

    private void hourly(int first, int second) {
        ws.admin().get(HOURS).then().statusCode(200)
                .body("source", is("event_counts_hourly"))
                .body("series[0].points.value", contains(first, second));
    }

    private long unfolded() throws Exception {
        try (Connection db = TestDatabase.connect();
             PreparedStatement q = db.prepareStatement("SELECT count(*) FROM event_counts_hourly WHERE workspace_id = ? AND NOT compacted")) {
            q.setLong(1, ws.id());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

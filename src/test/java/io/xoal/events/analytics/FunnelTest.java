package io.xoal.events.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/** Ordered funnels: signed_up → feature_used (feature = export) → upgraded, within 7 days of the sign-up. */
@QuarkusTest
class FunnelTest {

    private static final List<Map<String, Object>> STEPS = List.of(
            Map.of("event", "signed_up"),
            Map.of("event", "feature_used", "where", List.of(Map.of("property", "feature", "type", "string", "op", "eq", "value", "export"))),
            Map.of("event", "upgraded"));

    private TestWorkspace ws;

    @BeforeEach
    void data() {
        ws = new AnalyticsData()
                // converts: a day per step
                .event("signed_up", "c1", "2026-10-01T00:00:00Z")
                .event("feature_used", "c1", "2026-10-02T00:00:00Z", "feature", "export")
                .event("upgraded", "c1", "2026-10-03T00:00:00Z")
                // the first entry goes nowhere; the later one converts
                .event("signed_up", "c2", "2026-10-01T00:00:00Z")
                .event("signed_up", "c2", "2026-10-10T00:00:00Z")
                .event("feature_used", "c2", "2026-10-11T12:00:00Z", "feature", "export")
                .event("upgraded", "c2", "2026-10-12T00:00:00Z")
                // upgrades 8 days after signing up: outside the window
                .event("signed_up", "c3", "2026-10-01T00:00:00Z")
                .event("feature_used", "c3", "2026-10-03T00:00:00Z", "feature", "export")
                .event("upgraded", "c3", "2026-10-09T00:00:00Z")
                // used another feature: the filter leaves step 2 unmet, so the upgrade cannot count
                .event("signed_up", "c4", "2026-10-01T00:00:00Z")
                .event("feature_used", "c4", "2026-10-02T00:00:00Z", "feature", "import")
                .event("upgraded", "c4", "2026-10-03T00:00:00Z")
                // cancelled between sign-up and the feature: excluded when cancelled is the exclusion
                .event("signed_up", "c5", "2026-10-01T00:00:00Z")
                .event("cancelled", "c5", "2026-10-02T00:00:00Z")
                .event("feature_used", "c5", "2026-10-03T00:00:00Z", "feature", "export")
                .event("upgraded", "c5", "2026-10-04T00:00:00Z")
                // the steps in the wrong order: only the sign-up counts
                .event("upgraded", "c6", "2026-10-01T00:00:00Z")
                .event("feature_used", "c6", "2026-10-02T00:00:00Z", "feature", "export")
                .event("signed_up", "c6", "2026-10-03T00:00:00Z")
                // signed up before the range
                .event("signed_up", "c7", "2026-09-30T23:00:00Z")
                .event("feature_used", "c7", "2026-10-01T00:00:00Z", "feature", "export")
                .ingest();
    }

    @Test
    void eachCustomerCountsOnceByTheirFurthestAttempt() {
        ws.admin().body(Map.of("steps", STEPS, "window", Map.of("days", 7), "from", "2026-10-01", "to", "2026-11-01"))
                .post("/v1/analytics/funnels").then().statusCode(200)
                .body("tz", is("UTC"))
                .body("window_seconds", is(604800))
                .body("steps.event", contains("signed_up", "feature_used", "upgraded"))
                .body("steps.entered", contains(6, 4, 3))
                .body("steps.converted", contains(4, 3, null))
                .body("steps.conversion_from_first", contains(100.0f, 66.67f, 50.0f))
                .body("steps.conversion_from_previous", contains(100.0f, 66.67f, 75.0f));
    }

    @Test
    void anExclusionBetweenStepsDropsThatAttempt() {
        ws.admin().body(Map.of("steps", STEPS, "window", Map.of("days", 7), "exclude", Map.of("event", "cancelled"),
                        "from", "2026-10-01", "to", "2026-11-01"))
                .post("/v1/analytics/funnels").then().statusCode(200)
                .body("steps.entered", contains(5, 3, 2))
                .body("steps.conversion_from_first", contains(100.0f, 60.0f, 40.0f))
                .body("steps.conversion_from_previous", contains(100.0f, 60.0f, 66.67f))
                // c1 1 day, c2 1.5 days, c3 2 days; then c1 1 day, c2 12 hours
                .body("steps.median_seconds_from_previous", contains(null, 129600.0f, 64800.0f));
    }

    @Test
    void aWiderWindowTakesTheLateUpgrade() {
        ws.admin().body(Map.of("steps", STEPS, "window", Map.of("hours", 8 * 24 + 1), "exclude", Map.of("event", "cancelled"),
                        "from", "2026-10-01", "to", "2026-11-01"))
                .post("/v1/analytics/funnels").then().statusCode(200)
                .body("steps.entered", contains(5, 3, 3));
    }

    @Test
    void everyMistakeIsNamedByItsPointer() {
        bad(Map.of("steps", List.of(Map.of("event", "a"))), "/steps");
        bad(Map.of("steps", List.of(Map.of("event", "a"), Map.of("where", List.of()))), "/steps/1/event");
        bad(Map.of("steps", List.of(Map.of("event", "a"), Map.of("event", "b", "where",
                List.of(Map.of("property", "x", "type", "string", "op", "gt", "value", 1))))), "/steps/1/where/0/op");
        bad(Map.of("steps", STEPS, "window", Map.of("days", 0)), "/window");
        bad(Map.of("steps", STEPS, "window", Map.of("days", 1, "hours", 2)), "/window");
        bad(Map.of("steps", STEPS, "window", Map.of("weeks", 1)), "/window/weeks");
        bad(Map.of("steps", STEPS, "exclude", Map.of("where", List.of())), "/exclude/event");
        bad(Map.of("steps", STEPS, "tz", "Atlantis/Capital"), "/tz");
        bad(Map.of("steps", STEPS, "from", "2026-10-10", "to", "2026-10-01"), "/to");
    }

    private void bad(Map<String, Object> body, String field) {
        ws.admin().body(body).post("/v1/analytics/funnels").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}

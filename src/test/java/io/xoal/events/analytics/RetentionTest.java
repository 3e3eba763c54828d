package io.xoal.events.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** Weekly retention of sign-ups returning with a login, three cohorts from Monday 2026-10-05. */
@QuarkusTest
class RetentionTest {

    private TestWorkspace ws;

    @BeforeEach
    void data() {
        ws = new AnalyticsData()
                .event("signed_up", "r1", "2026-10-05T09:00:00Z")
                .event("login", "r1", "2026-10-06T09:00:00Z")
                .event("login", "r1", "2026-10-13T09:00:00Z")
                .event("signed_up", "r2", "2026-10-07T09:00:00Z")
                .event("login", "r2", "2026-10-20T09:00:00Z")
                .event("signed_up", "r3", "2026-10-13T09:00:00Z")
                .event("login", "r3", "2026-10-14T09:00:00Z")
                .event("login", "r3", "2026-10-21T09:00:00Z")
                // first signed up before the grid; signs up again in its first week
                .event("signed_up", "r4", "2026-09-01T09:00:00Z")
                .event("signed_up", "r4", "2026-10-06T09:00:00Z")
                .event("login", "r4", "2026-10-13T09:00:00Z")
                // Sunday 23:30 UTC is already Monday in Berlin
                .event("signed_up", "r5", "2026-10-11T23:30:00Z")
                .ingest();
    }

    @Test
    void firstOccurrenceCohortsAndTheirReturnsPerWeek() {
        ws.admin().body(body("first", "UTC")).post("/v1/analytics/retention").then().statusCode(200)
                .body("tz", is("UTC"))
                .body("interval", is("week"))
                .body("source", is("subject_event_daily"))
                .body("cohorts.start", contains("2026-10-05T00:00:00Z", "2026-10-12T00:00:00Z", "2026-10-19T00:00:00Z"))
                .body("cohorts.size", contains(3, 1, 0))
                .body("cohorts[0].returned", contains(1, 1, 1))
                .body("cohorts[1].returned", contains(1, 1))
                .body("cohorts[2].returned", contains(0));
    }

    @Test
    void recurringCohortsTakeEveryWeekTheEventHappened() {
        ws.admin().body(body("recurring", "UTC")).post("/v1/analytics/retention").then().statusCode(200)
                .body("cohort", is("recurring"))
                .body("cohorts.size", contains(4, 1, 0))
                .body("cohorts[0].returned", contains(1, 2, 1))
                .body("cohorts[1].returned", contains(1, 1));
    }

    @Test
    void weeksAreTheZonesWeeks() {
        ws.admin().body(body("first", "Europe/Berlin")).post("/v1/analytics/retention").then().statusCode(200)
                .body("source", is("events"))
                .body("cohorts.start", contains("2026-10-05T00:00:00+02:00", "2026-10-12T00:00:00+02:00", "2026-10-19T00:00:00+02:00"))
                .body("cohorts.size", contains(2, 2, 0));
    }

    @Test
    void everyBadFieldIsNamed() {
        bad("periods", 0, "/periods");
        bad("periods", 61, "/periods");
        bad("cohort", "sometimes", "/cohort");
        bad("interval", "year", "/interval");
        bad("cohort_event", null, "/cohort_event");
        bad("tz", "Moon/Tranquility", "/tz");
        bad("from", "last week", "/from");
    }

    private Map<String, Object> body(String cohort, String tz) {
        return Map.of("cohort_event", "signed_up", "cohort", cohort, "return_event", "login", "interval", "week", "periods", 3,
                "from", "2026-10-07", "tz", tz);
    }

    private void bad(String key, Object value, String field) {
        Map<String, Object> body = new HashMap<>(body("first", "UTC"));
        body.put(key, value);
        ws.admin().body(body).post("/v1/analytics/retention").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is(field));
    }
}

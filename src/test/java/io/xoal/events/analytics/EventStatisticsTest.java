package io.xoal.events.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class EventStatisticsTest {

    @Test
    void topEventsCountEventsAndCustomersPerName() {
        TestWorkspace ws = new AnalyticsData()
                .repeated("login", "a", "2026-10-02", 3)
                .repeated("login", "b", "2026-10-03", 1)
                .repeated("feature_used", "a", "2026-10-04", 2)
                .repeated("signed_up", "c", "2026-10-05", 1)
                .repeated("login", "a", "2026-11-01", 5)
                .ingest();
        ws.admin().get("/v1/analytics/top-events?from=2026-10-01&to=2026-11-01").then().statusCode(200)
                .body("tz", is("UTC"))
                .body("source", is("subject_event_daily"))
                .body("events.event", contains("login", "feature_used", "signed_up"))
                .body("events.count", contains(4, 2, 1))
                .body("events.uniques", contains(2, 1, 1));
        ws.admin().get("/v1/analytics/top-events?from=2026-10-03T00:00:00Z&to=2026-11-01T10:02:00Z&limit=2").then().statusCode(200)
                .body("source", is("events"))
                .body("events.event", contains("login", "feature_used"))
                .body("events.count", contains(3, 2))
                .body("events.uniques", contains(2, 1));
        ws.admin().get("/v1/analytics/top-events?tz=Nowhere/Else").then().statusCode(400).body("errors[0].field", is("/tz"));
    }

    @Test
    void frequencyBucketsCustomersByHowOftenTheyDidIt() {
        TestWorkspace ws = new AnalyticsData()
                .repeated("login", "once", "2026-10-02", 1)
                .repeated("login", "thrice", "2026-10-02", 3)
                .repeated("login", "seven", "2026-10-03", 5)
                .repeated("login", "seven", "2026-10-04", 2)
                .repeated("login", "many", "2026-10-05", 25)
                .repeated("login", "five", "2026-10-06", 5)
                .repeated("login", "five", "2026-11-06", 30)
                .repeated("feature_used", "other", "2026-10-06", 1)
                .ingest();
        ws.admin().get("/v1/analytics/frequency?event=login&from=2026-10-01&to=2026-11-01").then().statusCode(200)
                .body("event", is("login"))
                .body("customers", is(5))
                .body("buckets.label", contains("1", "2-5", "6-20", "21+"))
                .body("buckets.customers", contains(1, 2, 1, 1))
                .body("buckets[3].max", is((Object) null));
        ws.admin().get("/v1/analytics/frequency?from=2026-10-01").then().statusCode(400).body("errors[0].field", is("/event"));
    }

    @Test
    void stickinessIsAverageDailyUniquesOverUniquesOfTheRange() {
        TestWorkspace ws = new AnalyticsData()
                .event("login", "a", "2026-10-01T08:00:00Z")
                .event("login", "a", "2026-10-01T09:00:00Z")
                .event("login", "b", "2026-10-01T22:30:00Z")   // Berlin: the 2nd
                .event("login", "a", "2026-10-02T08:00:00Z")
                .event("login", "a", "2026-10-04T08:00:00Z")
                .event("login", "c", "2026-10-04T08:00:00Z")
                .ingest();
        ws.admin().get("/v1/analytics/stickiness?event=login&from=2026-10-01&to=2026-10-05").then().statusCode(200)
                .body("source", is("subject_event_daily"))
                .body("daily.value", contains(2, 1, 0, 2))
                .body("uniques", is(3))
                .body("average_daily_uniques", is(1.25f))
                .body("stickiness", is(0.4167f));
        ws.admin().get("/v1/analytics/stickiness?event=login&from=2026-10-01&to=2026-10-05&tz=Europe/Berlin").then().statusCode(200)
                .body("tz", is("Europe/Berlin"))
                .body("source", is("events"))
                .body("daily.start", contains("2026-10-01T00:00:00+02:00", "2026-10-02T00:00:00+02:00", "2026-10-03T00:00:00+02:00",
                        "2026-10-04T00:00:00+02:00"))
                .body("daily.value", contains(1, 2, 0, 2))
                .body("stickiness", is(0.4167f));
        ws.admin().get("/v1/analytics/stickiness?event=login&tz=Europe/Nowhere").then().statusCode(400).body("errors[0].field", is("/tz"));
    }
}

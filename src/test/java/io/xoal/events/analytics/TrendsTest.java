package io.xoal.events.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * Trends across the end of summer time in Berlin (2026-10-25, 03:00 CEST → 02:00 CET, 01:00 UTC):
 * the local day is 25 hours long and its hour 02:00 comes twice.
 */
@QuarkusTest
class TrendsTest {

    private TestWorkspace ws;

    @BeforeEach
    void data() {
        ws = new AnalyticsData()
                .event("login", "u1", "2026-10-24T21:30:00Z")   // Berlin 24th 23:30
                .event("login", "u1", "2026-10-24T22:30:00Z")   // Berlin 25th 00:30 CEST
                .event("login", "u2", "2026-10-25T00:30:00Z")   // Berlin 02:30 CEST
                .event("login", "u2", "2026-10-25T01:30:00Z")   // Berlin 02:30 CET, the repeated hour
                .event("login", "u3", "2026-10-25T23:30:00Z")   // Berlin 26th 00:30
                .event("feature_used", "u1", "2026-10-25T12:00:00Z")
                .event("signed_up", "u9", "2026-10-25T12:00:00Z")
                .ingest();
    }

    @Test
    void dailyCountsAndUniquesFollowTheLocalCalendarAcrossTheDstChange() {
        String query = "/v1/analytics/trends?events=login,feature_used&from=2026-10-24&to=2026-10-27&interval=day&tz=Europe/Berlin";
        ws.admin().get(query).then().statusCode(200)
                .body("tz", is("Europe/Berlin"))
                .body("source", is("event_counts_hourly"))
                .body("series.event", contains("login", "feature_used"))
                .body("series[0].points.start", contains("2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"))
                .body("series[0].points.value", contains(1, 3, 1))
                .body("series[0].total", is(5))
                .body("series[1].points.value", contains(0, 1, 0))
                .body("compare", is((Object) null));
        ws.admin().get(query + "&measure=uniques").then().statusCode(200)
                .body("source", is("events"))
                .body("series[0].points.value", contains(1, 2, 1));
    }

    @Test
    void totalsComeFromTheHourlyCountsAndDailyUniquesInUtcFromTheRollup() {
        String query = "/v1/analytics/trends?events=login&from=2026-10-24&to=2026-10-27&interval=day";
        ws.admin().get(query).then().statusCode(200)
                .body("tz", is("UTC"))
                .body("source", is("event_counts_hourly"))
                .body("series[0].points.start", contains("2026-10-24T00:00:00Z", "2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z"))
                .body("series[0].points.value", contains(2, 3, 0));
        ws.admin().get(query + "&measure=uniques").then().statusCode(200)
                .body("source", is("subject_event_daily"))
                .body("series[0].points.value", contains(1, 2, 0));
    }

    @Test
    void hourlyBucketsAreTheLocalHoursWithTheRepeatedHourTwice() {
        ws.admin().get("/v1/analytics/trends?events=login&from=2026-10-25&to=2026-10-26&interval=hour&tz=Europe/Berlin").then().statusCode(200)
                .body("series[0].points", hasSize(25))
                .body("series[0].points[0].start", is("2026-10-25T00:00:00+02:00"))
                .body("series[0].points[2].start", is("2026-10-25T02:00:00+02:00"))
                .body("series[0].points[3].start", is("2026-10-25T02:00:00+01:00"))
                .body("series[0].points[24].start", is("2026-10-25T23:00:00+01:00"))
                .body("series[0].points.value", contains(1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        ws.admin().get("/v1/analytics/trends?events=login,feature_used&from=2026-10-25&to=2026-10-26&interval=hour").then().statusCode(200)
                .body("source", is("event_counts_hourly"))
                .body("series[0].points", hasSize(24))
                .body("series[0].points.value", contains(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))
                .body("series[1].points[12].value", is(1));
    }

    @Test
    void weeksStartOnMondayInTheZone() {
        ws.admin().get("/v1/analytics/trends?events=login&from=2026-10-19&to=2026-11-02&interval=week&tz=Europe/Berlin").then().statusCode(200)
                .body("series[0].points.start", contains("2026-10-19T00:00:00+02:00", "2026-10-26T00:00:00+01:00"))
                .body("series[0].points.value", contains(4, 1));
        ws.admin().get("/v1/analytics/trends?events=login&from=2026-10-01&to=2026-12-01&interval=month").then().statusCode(200)
                .body("source", is("event_counts_hourly"))
                .body("series[0].points.value", contains(5, 0));
        ws.admin().get("/v1/analytics/trends?events=login&from=2026-10-01&to=2026-12-01&interval=month&measure=uniques").then().statusCode(200)
                .body("source", is("subject_event_daily"))
                .body("series[0].points.value", contains(3, 0));
    }

    @Test
    void comparesWithThePreviousPeriodOfEqualLength() {
        ws.admin().get("/v1/analytics/trends?events=login&from=2026-10-25&to=2026-10-27&compare=previous").then().statusCode(200)
                .body("series[0].points.value", contains(3, 0))
                .body("compare.from", is("2026-10-23T00:00:00Z"))
                .body("compare.to", is("2026-10-25T00:00:00Z"))
                .body("compare.series[0].points.start", contains("2026-10-23T00:00:00Z", "2026-10-24T00:00:00Z"))
                .body("compare.series[0].points.value", contains(0, 2));
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        String base = "/v1/analytics/trends?events=login&from=2026-10-01&to=2026-10-02";
        bad("/v1/analytics/trends?from=2026-10-01", "/events");
        bad(base.replace("events=login", "events=a,b,c,d,e,f,g,h,i,j,k"), "/events");
        bad(base + "&interval=minute", "/interval");
        bad(base + "&measure=median", "/measure");
        bad(base + "&tz=Mars/Olympus", "/tz");
        bad(base + "&compare=next", "/compare");
        bad(base.replace("from=2026-10-01", "from=yesterday"), "/from");
        ws.admin().queryParam("events", "login").queryParam("from", "+99999-01-01T00:00:00Z").get("/v1/analytics/trends").then()
                .statusCode(400).body("errors[0].field", is("/from")).body("errors[0].message", is("must be in the years 1 to 9999"));
        bad(base.replace("to=2026-10-02", "to=2026-09-01"), "/to");
        bad("/v1/analytics/trends?events=login&from=2026-01-01&to=2026-12-01&interval=hour", "/interval");
        ws.admin().get("/v1/analytics/trends?events=login&from=2026-01-01&to=2026-03-24&interval=hour").then().statusCode(200);
    }

    private void bad(String query, String field) {
        ws.admin().get(query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is(field));
    }
}

package io.xoal.events.segment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The backtest of {@code POST /v1/segments/preview} ("history"): sizes at each step computed by
 * hand from known events, profiles and transitions. Event times are whole and half days before
 * the frozen clock, so that no event lies on a point or a window's edge.
 */
@QuarkusTest
class SegmentBacktestTest {

    @Inject
    TestClock clock;

    private TestWorkspace ws;
    private Instant now;

    @BeforeEach
    void freezeTheClock() {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.freeze(now);
        ws = TestWorkspace.create();
    }

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    private Instant daysAgo(double days) {
        return now.minusSeconds(Math.round(days * 86_400));
    }

    private void track(String user, String name, double daysAgo) {
        Map<String, Object> properties = Map.of("userId", user, "customData", Map.of("amount", 10));
        ws.ingest().body(Map.of("event", name, "properties", properties, "timestamp", daysAgo(daysAgo).toString()))
                .post("/ingest/v1/event").then().statusCode(200);
    }

    /** A customer PUT while the clock reads {@code daysAgo}: created then. */
    private void customerCreated(String user, double daysAgo) {
        clock.freeze(daysAgo(daysAgo));
        ws.admin().body(Map.of("first_name", "Eve")).put("/v1/customers/" + user).then().statusCode(201);
        clock.freeze(now);
    }

    private JsonPath backtest(Object definition, Object history) {
        return ws.admin().body(Map.of("definition", definition, "history", history)).post("/v1/segments/preview")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The sizes, oldest first, after checking the points' instants and that the last point is the count now. */
    private List<Integer> sizes(Object definition, int days, Duration step) {
        JsonPath body = backtest(definition, Map.of("days", days, "interval", step.toHours() == 1 ? "hour" : step.toDays() == 7 ? "week" : "day"));
        List<String> expectedAt = new ArrayList<>();
        for (long k = Duration.ofDays(days).dividedBy(step); k >= 0; k--) {
            expectedAt.add(now.minus(step.multipliedBy(k)).toString());
        }
        assertEquals(expectedAt, body.getList("history.at"));
        List<Integer> sizes = body.getList("history.count");
        assertEquals(body.getInt("count"), sizes.get(sizes.size() - 1), "the point at now is the count now");
        return sizes;
    }

    private static Map<String, Object> purchased(Object window) {
        return Map.of("performed", Map.of("event", "purchase", "window", window));
    }

    private static Map<String, Object> negation(Object node) {
        return Map.of("not", node);
    }

    @Test
    void sizesPerDayFollowEventsWindowsTheHistoryRuleAndWhenCustomersBegan() {
        track(unique("a"), "purchase", 0.5);
        track(unique("b"), "purchase", 3.5);
        track(unique("c"), "purchase", 9.5);
        track(unique("d"), "purchase", 20);
        String f = unique("f");
        track(f, "login", 8.5);
        track(f, "purchase", 2.5);
        customerCreated(unique("e"), 5.5);

        Map<String, Object> week = Map.of("days", 7);
        Map<String, Object> filtered = Map.of("performed", Map.of("event", "purchase", "window", week,
                "where", List.of(Map.of("property", "amount", "type", "number", "op", "gte", "value", 0))));
        Duration day = Duration.ofDays(1);
        // Points k = 10 .. 0 days ago. In the last 7 days at k: a purchase a days ago with k < a <= k + 7.
        List<Integer> lastWeek = List.of(0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3);
        assertEquals(lastWeek, sizes(purchased(week), 10, day), "from the rollup and the edge days");
        assertEquals(lastWeek, sizes(filtered, 10, day), "from the events");
        // Not in the last 7 days, for histories that began 7 days before the point: d always, c up to 2 days ago.
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2), sizes(negation(purchased(week)), 10, day));
        // Ever, up to the point only.
        assertEquals(List.of(1, 2, 2, 2, 2, 2, 2, 3, 4, 4, 5), sizes(purchased("ever"), 10, day));
        // Never: e from when it was created (5.5 days ago), f between its login and its purchase.
        assertEquals(List.of(0, 0, 1, 1, 1, 2, 2, 2, 1, 1, 1), sizes(negation(purchased("ever")), 10, day));
    }

    @Test
    void hourAndWeekSteps() {
        track(unique("a"), "purchase", 0.1);
        track(unique("b"), "purchase", 15.5);
        Map<String, Object> lastDay = purchased(Map.of("hours", 24));
        // Every hour of the last 2 days: a (2.4 hours ago) is in the last 24 hours at points 0, 1 and 2 hours ago.
        List<Integer> hourly = new ArrayList<>(Collections.nCopies(49, 0));
        hourly.set(46, 1);
        hourly.set(47, 1);
        hourly.set(48, 1);
        assertEquals(hourly, sizes(lastDay, 2, Duration.ofHours(1)));
        // Weeks over 30 days (points 28, 21, 14, 7, 0 days ago), ever: b from 14 days ago, a at now.
        assertEquals(List.of(0, 0, 1, 1, 2), sizes(purchased("ever"), 30, Duration.ofDays(7)));
    }

    @Test
    void inSegmentIsReadFromTheLedgerAsOfEachPoint() {
        clock.freeze(daysAgo(6));
        long vip = ws.admin().body(Map.of("name", "vip", "definition", Map.of("tag", Map.of("has", "VIP")))).post("/v1/segments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        awaitRefreshed(vip);
        String user = unique("g");
        clock.freeze(daysAgo(4.5));
        ws.admin().body(Map.of("tags", List.of("VIP"))).put("/v1/customers/" + user).then().statusCode(201);
        awaitMember(vip, user, true);
        clock.freeze(daysAgo(1.5));
        ws.admin().body(Map.of("tags", List.of())).put("/v1/customers/" + user).then().statusCode(200);
        awaitMember(vip, user, false);
        clock.freeze(now);

        Map<String, Object> member = Map.of("in_segment", Map.of("id", vip));
        // Entered 4.5 days ago, left 1.5 days ago; created 4.5 days ago (not there before).
        assertEquals(List.of(0, 0, 1, 1, 1, 0, 0), sizes(member, 6, Duration.ofDays(1)));
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1), sizes(negation(member), 6, Duration.ofDays(1)));
    }

    private void awaitRefreshed(long segment) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                "done".equals(ws.admin().get("/v1/segments/" + segment).then().statusCode(200).extract().path("refresh.state")));
    }

    private void awaitMember(long segment, String user, boolean member) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> member == Boolean.TRUE.equals(
                ws.admin().get("/v1/segments/" + segment + "/members/" + user).then().statusCode(200).extract().path("member")));
    }

    @Test
    void withoutHistoryTheResponseHasNone() {
        ws.admin().body(Map.of("definition", purchased("ever"))).post("/v1/segments/preview").then().statusCode(200)
                .body("$", not(hasKey("history")));
    }

    @Test
    void theOpenApiDocumentDescribesTheBacktestOnTheWire() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String post = "paths.'/v1/segments/preview'.post.";
        assertEquals("#/components/schemas/PreviewInput", doc.getString(post + "requestBody.content.'application/json'.schema.'$ref'"));
        assertEquals("#/components/schemas/SegmentPreview", doc.getString(post + "responses.'200'.content.'application/json'.schema.'$ref'"));
        assertEquals("#/components/schemas/PreviewHistory", doc.getString("components.schemas.PreviewInput.properties.history.'$ref'"));
        assertEquals(List.of("hour", "day", "week"), doc.getList("components.schemas.PreviewHistory.properties.interval.enum"));
        assertEquals("#/components/schemas/SizeAt", doc.getString("components.schemas.SegmentPreview.properties.history.items.'$ref'"));
        assertEquals(Set.of("at", "count"), doc.getMap("components.schemas.SizeAt.properties").keySet());
    }

    @Test
    void aHistoryOfUpToTwoHundredPointsIsAnswered() {
        track(unique("a"), "purchase", 0.5);
        assertEquals(200, backtest(purchased("ever"), Map.of("days", 199)).getList("history").size(), "day is the default interval");
    }

    @Test
    void aWrongHistoryIsA400NamingItsField() {
        Map<String, Object> noDays = new HashMap<>(Map.of("interval", "day"));
        Map<Object, String> cases = Map.of(
                Map.of("days", 0), "/history/days",
                Map.of("days", -3, "interval", "day"), "/history/days",
                noDays, "/history/days",
                Map.of("days", "thirty"), "/history/days",
                Map.of("days", 36_526), "/history/days",
                Map.of("days", 30, "interval", "month"), "/history/interval",
                Map.of("days", 30, "step", "day"), "/history/step",
                Map.of("days", 9, "interval", "hour"), "/history",
                Map.of("days", 200, "interval", "day"), "/history",
                Map.of("days", 1400, "interval", "week"), "/history");
        cases.forEach((history, field) -> ws.admin().body(Map.of("definition", purchased("ever"), "history", history))
                .post("/v1/segments/preview").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is(field)));
    }
}

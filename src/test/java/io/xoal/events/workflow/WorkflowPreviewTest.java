package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dry run over stored history, through real ingest and PostgreSQL: enrolment, every step kind's outcome, the cap, validation. */
@QuarkusTest
class WorkflowPreviewTest extends WorkflowTestBase {

    @Inject
    Pool pool;

    private JsonPath preview(Map<String, Object> definition, Instant from, Instant to) {
        return ws.admin().body(Map.of("definition", definition, "from", from.toString(), "to", to.toString()))
                .post("/v1/workflows/preview").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> definition(Map<String, Object> options, List<Map<String, Object>> steps) {
        Map<String, Object> definition = new HashMap<>(options);
        definition.putIfAbsent("trigger", Map.of("event", "signed_up"));
        definition.put("steps", steps);
        return definition;
    }

    private static Map<String, Object> stepOf(JsonPath preview, String id) {
        return preview.getMap("steps.find { it.id == '" + id + "' }");
    }

    private static Map<String, Object> edge(JsonPath preview, String id, String edge) {
        return preview.getMap("steps.find { it.id == '" + id + "' }.edges.find { it.edge == '" + edge + "' }");
    }

    @Test
    void countsWhoWouldHaveEnrolledByKeyAndFilterAndWritesNothing() {
        String twice = unique("twice");
        String once = unique("once");
        fixture.event(twice, "signed_up", Map.of("plan", "pro"));
        fixture.event(twice, "signed_up", Map.of("plan", "pro"));
        fixture.event(unique("free"), "signed_up", Map.of("plan", "free"));
        fixture.event(once, "signed_up", Map.of("plan", "pro"));
        fixture.event(once, "logged_in", Map.of("plan", "pro"));
        Map<String, Object> pro = Map.of("event", "signed_up", "where", List.of(Map.of("property", "plan", "type", "string", "op", "eq",
                "value", "pro")));
        Instant from = clock.instant().minus(Duration.ofHours(1));
        Instant to = clock.instant().plus(Duration.ofMinutes(1));

        JsonPath every = preview(definition(Map.of("trigger", pro), List.of(step("done", "exit"))), from, to);
        assertEquals(3, every.getInt("enrolled.runs"), "one run per messageId");
        assertEquals(2, every.getInt("enrolled.customers"));
        assertEquals(List.of(once, twice), every.getList("enrolled.sample"), "latest first");
        assertEquals(3, every.getInt("completed"));
        assertFalse(every.getBoolean("capped"));
        JsonPath onceEach = preview(definition(Map.of("trigger", pro, "reentry", "once"), List.of(step("done", "exit"))), from, to);
        assertEquals(2, onceEach.getInt("enrolled.runs"), "one run per customer");
        JsonPath before = preview(definition(Map.of("trigger", pro), List.of(step("done", "exit"))), from.minus(Duration.ofDays(1)), from);
        assertEquals(0, before.getInt("enrolled.runs"), "only the window counts");

        long written = pool.preparedQuery("SELECT (SELECT count(*) FROM workflow_runs WHERE workspace_id = $1)"
                + " + (SELECT count(*) FROM workflow_inbox WHERE workspace_id = $1) + (SELECT count(*) FROM workflows WHERE workspace_id = $1)")
                .execute(Tuple.of(ws.id())).await().atMost(WorkflowFixture.WAIT).iterator().next().getLong(0);
        assertEquals(0, written, "a dry run stores nothing");
    }

    @Test
    void aSegmentTriggerReplaysTheLedgersTransitionsAndAnApiTriggerIsRefused() {
        long buyers = fixture.segment(Map.of("performed", Map.of("event", "purchase")));
        String buyer = unique("buyer");
        Instant from = clock.instant().minus(Duration.ofHours(1));
        fixture.event(buyer, "purchase", Map.of());
        fixture.awaitMember(buyers, buyer, true);
        Instant to = clock.instant().plus(Duration.ofMinutes(1));

        JsonPath entered = preview(definition(Map.of("trigger", Map.of("segment", Map.of("id", buyers, "on", "entered"))),
                List.of(step("done", "exit"))), from, to);
        assertEquals(1, entered.getInt("enrolled.runs"), "one run per entry");
        assertEquals(List.of(buyer), entered.getList("enrolled.sample"));
        assertEquals(1, entered.getInt("completed"));
        JsonPath left = preview(definition(Map.of("trigger", Map.of("segment", Map.of("id", buyers, "on", "left"))),
                List.of(step("done", "exit"))), from, to);
        assertEquals(0, left.getInt("enrolled.runs"), "nobody left");

        ws.admin().body(Map.of("definition", definition(Map.of("trigger", Map.of("api", Map.of())), List.of(step("done", "exit"))),
                        "from", from.toString(), "to", to.toString()))
                .post("/v1/workflows/preview").then().statusCode(422);
    }

    @Test
    void followsRunsThroughBranchesWaitsGoalsSendsAndSplits() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        clock.freeze(start);
        String pro = unique("pro");
        ws.admin().body(Map.of("attributes", Map.of("plan", "pro"))).put("/v1/customers/" + pro).then().statusCode(201);
        String matched = unique("matched");
        String timedOut = unique("timedout");
        String buyer = unique("buyer");
        fixture.event(matched, "signed_up", Map.of("source", "ads", "cartId", "c1"));
        fixture.event(timedOut, "signed_up", Map.of("source", "ads", "cartId", "c2"));
        fixture.event(buyer, "signed_up", Map.of("source", "ads", "cartId", "c4"));
        fixture.event(pro, "signed_up", Map.of("source", "search"));
        for (int i = 0; i < 10; i++) {
            fixture.event(unique("s"), "signed_up", Map.of("source", "search"));
        }
        clock.advance(Duration.ofMinutes(5));
        fixture.event(buyer, "purchased", Map.of());
        clock.advance(Duration.ofMinutes(5));
        fixture.event(matched, "checked_out", Map.of("cartId", "c1"));
        fixture.event(timedOut, "checked_out", Map.of("cartId", "another"));
        clock.advance(Duration.ofMinutes(170));
        String pending = unique("pending");
        fixture.event(pending, "signed_up", Map.of("source", "ads", "cartId", "c3"));
        clock.advance(Duration.ofSeconds(5));

        Map<String, Object> definition = definition(Map.of("goal", Map.of("event", "purchased")), List.of(
                step("route", "branch", "cases", List.of(
                                Map.of("condition", Map.of("trigger", List.of(Map.of("property", "source", "type", "string", "op", "eq",
                                        "value", "ads"))), "next", "wait"),
                                Map.of("condition", Map.of("attribute", Map.of("name", "plan", "type", "string", "op", "eq", "value", "pro")),
                                        "next", "hook")),
                        "default", "ab"),
                step("wait", "wait_for_event", "event", "checked_out", "match", Map.of("property", "cartId"), "timeout", "PT1H",
                        "next", "done", "timeout_next", "hook"),
                step("hook", "webhook", "url", "https://example.com/hooks/remind", "next", "done"),
                step("ab", "split", "paths", List.of(Map.of("weight", 50, "next", "a"), Map.of("weight", 50, "next", "b"))),
                step("a", "exit"), step("b", "exit"), step("done", "exit")));
        JsonPath p = preview(definition, start.minus(Duration.ofHours(1)), clock.instant());

        assertEquals(15, p.getInt("enrolled.runs"));
        assertEquals(15, p.getInt("steps[0].reached"));
        assertEquals(4, (int) edge(p, "route", "cases/0/next").get("runs"));
        assertEquals(1, (int) edge(p, "route", "cases/1/next").get("runs"), "the customer's attribute, as now");
        assertEquals(10, (int) edge(p, "route", "default").get("runs"));
        assertEquals(1, (int) edge(p, "wait", "next").get("runs"), "the checkout of the same cart");
        assertEquals(2, (int) edge(p, "wait", "timeout_next").get("runs"), "another cart's checkout does not count; nor does a goal");
        assertEquals(1, (int) edge(p, "wait", "unknown").get("runs"), "a wait whose timeout has not passed");
        assertEquals("future", edge(p, "wait", "unknown").get("basis"));
        assertEquals(1, (int) stepOf(p, "hook").get("exited_by_goal"), "the buyer left before the reminder");
        assertEquals(2, (int) stepOf(p, "hook").get("reached"));
        assertEquals(0, (int) edge(p, "hook", "next").get("runs"), "after a send only maybe");
        assertEquals(2, (int) edge(p, "hook", "next").get("maybe"));
        assertEquals("send", edge(p, "hook", "next").get("basis"));
        assertEquals(1, (int) stepOf(p, "done").get("reached"));
        assertEquals(2, (int) stepOf(p, "done").get("maybe"));
        assertEquals(10, (int) edge(p, "ab", "paths/0/next").get("runs") + (int) edge(p, "ab", "paths/1/next").get("runs"));
        assertEquals("estimated", edge(p, "ab", "paths/0/next").get("basis"));
        assertTrue((Boolean) stepOf(p, "a").get("estimated") || (Boolean) stepOf(p, "b").get("estimated"), "after a split");
        assertFalse((Boolean) stepOf(p, "done").get("estimated"));
        assertEquals(11, p.getInt("completed"), "the matched run and the split's ten");
        assertEquals(1, p.getInt("exited_by_goal"));
    }

    @Test
    void followsAtMostTheCapButCountsEveryEnrolment() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(Map.of("event", "signed_up", "properties", Map.of("userId", unique("u"))));
        }
        ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        JsonPath p = preview(definition(Map.of(), List.of(step("wait", "delay", "duration", "PT1H", "next", "done"), step("done", "exit"))),
                clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofMinutes(1)));
        assertEquals(60, p.getInt("enrolled.runs"));
        assertEquals(60, p.getInt("enrolled.customers"));
        assertEquals(20, p.getList("enrolled.sample").size());
        assertEquals(50, p.getInt("simulated_runs"));
        assertTrue(p.getBoolean("capped"));
        assertEquals(50, p.getInt("steps[1].reached"), "the delay ends: nothing can stop it without a goal");
    }

    @Test
    void aLoopsEdgeIsCountedButNotFollowedAgain() {
        fixture.event(unique("again"), "signed_up", Map.of("again", true));
        fixture.event(unique("once"), "signed_up", Map.of("again", false));
        JsonPath p = preview(definition(Map.of(), List.of(step("ping", "delay", "duration", "PT1H", "next", "check"),
                        step("check", "branch", "cases", List.of(Map.of("condition", Map.of("trigger", List.of(Map.of("property", "again",
                                "type", "boolean", "op", "eq", "value", true))), "next", "ping")), "default", "done"),
                        step("done", "exit"))),
                clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofMinutes(1)));
        assertEquals(Map.of("edge", "cases/0/next", "to", "ping", "runs", 1, "maybe", 0, "basis", "loop", "estimated", false),
                edge(p, "check", "cases/0/next"));
        assertEquals(2, (int) stepOf(p, "ping").get("reached"), "the loop's run is not counted twice");
        assertEquals(1, p.getInt("completed"));
    }

    @Test
    void answersEveryMistakeOfTheWindowAndTheDefinitionByPointer() {
        ws.admin().body(Map.of("definition", definition(Map.of(), List.of(step("a", "delay", "duration", "PT1H", "next", "nowhere"))),
                        "from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z", "extra", 1))
                .post("/v1/workflows/preview").then().statusCode(400)
                .body("errors.field", hasItems("/to", "/extra", "/definition/steps/0/next"));
        ws.admin().body(Map.of("definition", definition(Map.of(), List.of(step("done", "exit"))),
                        "from", "2025-01-01T00:00:00Z", "to", "2026-01-03T00:00:00Z"))
                .post("/v1/workflows/preview").then().statusCode(400).body("errors.field", hasItems("/to"));
        ws.admin().body(Map.of("definition", definition(Map.of(), List.of(step("done", "exit")))))
                .post("/v1/workflows/preview").then().statusCode(400).body("errors.field", hasItems("/from", "/to"));
        ws.admin().body(Map.of("definition", definition(Map.of(), List.of(step("route", "branch", "cases",
                                List.of(Map.of("condition", Map.of("in_segment", Map.of("id", 999999999)), "next", "done")), "default", "done"),
                                step("done", "exit"))),
                        "from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z"))
                .post("/v1/workflows/preview").then().statusCode(400);
    }
}

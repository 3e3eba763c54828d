package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A workflow's analytics and a customer's runs over real HTTP and PostgreSQL, on two days of the test clock. */
@QuarkusTest
class WorkflowStatsTest extends WorkflowTestBase {

    private WebhookReceiver accepting;
    private WebhookReceiver refusing;

    @BeforeEach
    void receivers() throws Exception {
        accepting = new WebhookReceiver();
        refusing = new WebhookReceiver();
    }

    @AfterEach
    void closeReceivers() {
        accepting.close();
        refusing.close();
    }

    private long workflow() {
        return fixture.workflowId(Map.of("goal", Map.of("event", "purchased")), List.of(
                step("route", "branch", "cases", List.of(
                                Map.of("condition", Map.of("trigger", List.of(Map.of("property", "kind", "type", "string", "op", "eq",
                                        "value", "bad"))), "next", "bad"),
                                Map.of("condition", Map.of("trigger", List.of(Map.of("property", "kind", "type", "string", "op", "eq",
                                        "value", "wait"))), "next", "wait")),
                        "default", "hook"),
                step("hook", "webhook", "url", accepting.url(), "next", "done"),
                step("bad", "webhook", "url", refusing.url(), "next", "done"),
                step("wait", "delay", "duration", "P3D", "next", "done"),
                step("done", "exit")));
    }

    @Test
    void countsRunsAndSendsPerDayAndInTotal() {
        Instant day1 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        clock.freeze(day1.plus(Duration.ofHours(1)));
        refusing.answer(400);
        long wf = workflow();
        fixture.event(unique("ok"), "signed_up", Map.of("kind", "ok"));
        fixture.event(unique("bad"), "signed_up", Map.of("kind", "bad"));
        fixture.event(unique("waits"), "signed_up", Map.of("kind", "wait"));
        String buyer = unique("buyer");
        fixture.event(buyer, "signed_up", Map.of("kind", "wait"));
        fixture.drain();
        fixture.event(buyer, "purchased", Map.of());
        fixture.drain();
        clock.advance(Duration.ofDays(1));
        fixture.event(unique("ok"), "signed_up", Map.of("kind", "ok"));
        fixture.drain();

        JsonPath stats = ws.admin().queryParam("from", day1.toString()).queryParam("to", day1.plus(Duration.ofDays(2)).toString())
                .get("/v1/workflows/" + wf + "/stats").then().statusCode(200).extract().jsonPath();
        assertEquals("day", stats.getString("bucket"));
        assertEquals(Map.of("entered", 5, "completed", 2, "exited_by_goal", 1, "failed", 1, "messages_sent", 2, "messages_failed", 1),
                stats.getMap("totals"));
        assertEquals(1, stats.getInt("active"), "the run in its 3-day delay");
        assertEquals(List.of(day1.toString(), day1.plus(Duration.ofDays(1)).toString()), stats.getList("series.start"));
        assertEquals(Map.of("entered", 4, "completed", 1, "exited_by_goal", 1, "failed", 1, "messages_sent", 1, "messages_failed", 1),
                stats.getMap("series[0].counts"));
        assertEquals(Map.of("entered", 1, "completed", 1, "exited_by_goal", 0, "failed", 0, "messages_sent", 1, "messages_failed", 0),
                stats.getMap("series[1].counts"));

        JsonPath hourly = ws.admin().queryParam("from", day1.toString()).queryParam("to", day1.plus(Duration.ofDays(2)).toString())
                .queryParam("bucket", "hour").get("/v1/workflows/" + wf + "/stats").then().statusCode(200).extract().jsonPath();
        assertEquals(48, hourly.getList("series").size());
        assertEquals(4, hourly.getInt("series[1].counts.entered"), "all four entered in the second hour of day 1");
        assertEquals(stats.getMap("totals"), hourly.getMap("totals"));
    }

    @Test
    void anotherWorkspacesWorkflowIsNotFoundAndABadWindowIsNamed() {
        long wf = workflow();
        TestWorkspace.create().admin().get("/v1/workflows/" + wf + "/stats").then().statusCode(404);
        ws.admin().queryParam("bucket", "week").get("/v1/workflows/" + wf + "/stats").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("/bucket"));
        ws.admin().queryParam("from", "2026-11-02T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/v1/workflows/" + wf + "/stats").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("/to"));
        ws.admin().queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").queryParam("bucket", "hour")
                .get("/v1/workflows/" + wf + "/stats").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("/from"));
        ws.admin().get("/v1/workflows/" + wf + "/stats").then().statusCode(200).body("series.size()", org.hamcrest.Matchers.equalTo(31));
    }

    @Test
    void aCustomersRunsOfEveryWorkflowArePagedNewestFirst() {
        long first = workflow();
        long second = fixture.workflowId(Map.of("trigger", Map.of("event", "logged_in")), List.of(step("done", "exit")));
        String user = unique("u");
        fixture.event(user, "signed_up", Map.of("kind", "wait"));
        // Enrolled apart: runs enrolled by one poll are numbered in no particular order.
        fixture.drain();
        fixture.event(user, "logged_in", Map.of());
        fixture.event(user, "logged_in", Map.of());
        fixture.event(unique("other"), "logged_in", Map.of());
        fixture.drain();

        JsonPath page = ws.admin().queryParam("limit", 2).get("/v1/customers/" + user + "/workflow-runs").then().statusCode(200)
                .extract().jsonPath();
        List<Integer> ids = page.getList("items.id");
        assertEquals(2, ids.size());
        assertEquals(List.of(second, second), page.getList("items.workflow_id", Long.class));
        assertEquals(List.of(user, user), page.getList("items.customer_id"));
        assertNotNull(page.getString("next_cursor"));
        JsonPath rest = ws.admin().queryParam("cursor", page.getString("next_cursor")).get("/v1/customers/" + user + "/workflow-runs")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(first), rest.getList("items.workflow_id", Long.class));
        assertEquals("ready", rest.getString("items[0].state"), "in its delay");
        assertNull(rest.getString("next_cursor"));
        assertTrue(ids.get(0) > ids.get(1), "newest first");
        ws.admin().get("/v1/customers/" + unique("nobody") + "/workflow-runs").then().statusCode(404);
        TestWorkspace.create().admin().get("/v1/customers/" + user + "/workflow-runs").then().statusCode(404);
    }
}

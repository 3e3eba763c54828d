package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.segment.engine.WindowSweeper;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segment entered / left triggers and segment-entry goals: the ledger statement of every
 * evaluation path (event-driven, window sweep, full recompute) writes the inbox rows and signals.
 */
@QuarkusTest
class WorkflowSegmentTriggerTest extends WorkflowTestBase {

    @Inject
    WindowSweeper sweeper;

    static Map<String, Object> on(long segment, String on) {
        return Map.of("trigger", Map.of("segment", Map.of("id", segment, "on", on)));
    }

    static Map<String, Object> performedWithin(String event, int days) {
        return Map.of("performed", Map.of("event", event, "window", Map.of("days", days)));
    }

    private static List<Map<String, Object>> delayThenExit() {
        return List.of(step("wait", "delay", "duration", "PT1H", "next", "done"), step("done", "exit"));
    }

    @Test
    void anEventThatMakesACustomerEnterEnrolsThemAndTheWindowLapsingEnrolsTheLeftWorkflow() {
        long buyers = fixture.segment(performedWithin("purchase", 1));
        long entered = fixture.workflowId(on(buyers, "entered"), delayThenExit());
        long left = fixture.workflowId(on(buyers, "left"), delayThenExit());
        String buyer = unique("buyer");
        fixture.event(buyer, "purchase", Map.of());
        fixture.awaitMember(buyers, buyer, true);
        fixture.drain();
        JsonPath run = fixture.runOf(entered, buyer);
        assertTrue(run.getString("enrol_key").startsWith("transition:"), run.getString("enrol_key"));
        assertEquals(List.of(), fixture.runs(left), "nobody left yet");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        sweeper.sweepDue(Duration.ZERO).await().atMost(WorkflowFixture.WAIT);
        assertEquals("window lapsed", ws.admin().get("/v1/segments/" + buyers + "/members/" + buyer).then().statusCode(200)
                .extract().jsonPath().getString("cause"));
        fixture.drain();
        assertEquals(List.of("delayed"), fixture.runOf(left, buyer).getList("steps.outcome"));
        assertEquals(1, fixture.runs(entered).size(), "leaving enrols no entered run");
    }

    @Test
    void aRecomputeAfterADefinitionChangeEnrolsItsEntries() {
        String a = unique("a");
        String b = unique("b");
        fixture.event(a, "signed_up", Map.of());
        fixture.event(b, "signed_up", Map.of());
        long vips = fixture.segment(Map.of("tag", Map.of("has", "vip")));
        long wf = fixture.workflowId(on(vips, "entered"), delayThenExit());
        ws.admin().body(Map.of("name", unique("seg"), "definition", performedWithin("signed_up", 30)))
                .put("/v1/segments/" + vips).then().statusCode(200);
        fixture.awaitMember(vips, a, true);
        fixture.awaitMember(vips, b, true);
        Awaitility.await().atMost(WorkflowFixture.WAIT).until(() -> {
            fixture.drain();
            return fixture.runs(wf).size() == 2;
        });
        assertEquals("ready", fixture.runOf(wf, a).getString("state"));
        assertEquals("ready", fixture.runOf(wf, b).getString("state"));
    }

    @Test
    void enteringTheGoalSegmentExitsARunFromInsideADelayAtOnce() {
        long buyers = fixture.segment(performedWithin("purchased", 30));
        long wf = fixture.workflowId(Map.of("goal", Map.of("segment_entered", buyers)), List.of(
                step("wait", "delay", "duration", "P3D", "next", "nudge"), step("nudge", "update", "add_tag", "nudged", "next", "done"),
                step("done", "exit")));
        String buyer = unique("buyer");
        String other = unique("other");
        fixture.event(buyer, "signed_up", Map.of());
        fixture.event(other, "signed_up", Map.of());
        fixture.drain();
        fixture.event(buyer, "purchased", Map.of());
        fixture.awaitMember(buyers, buyer, true);
        fixture.drain();
        JsonPath exited = fixture.runOf(wf, buyer);
        assertEquals("exited", exited.getString("state"));
        assertEquals("goal", exited.getString("exit_reason"));
        assertEquals(List.of("delayed", "goal"), exited.getList("steps.outcome"));
        assertTrue(exited.getLong("steps[1].detail.transition_id") > 0);

        clock.advance(Duration.ofDays(4));
        fixture.drain();
        assertEquals(List.of(), ws.admin().get("/v1/customers/" + buyer).then().statusCode(200).extract().jsonPath().getList("tags"),
                "the steps after the delay never ran");
        assertEquals("completed", fixture.runOf(wf, other).getString("state"), "another customer's run goes on");
    }

    @Test
    void segmentReferencesAndTriggerFieldsAreCheckedAtTheirPointers() {
        long known = fixture.segment(Map.of("tag", Map.of("has", "vip")));
        ws.admin().body(Map.of("name", "seg", "definition", Map.of("trigger", Map.of("segment", Map.of("id", 999_999_999L, "on", "entered")),
                        "goal", Map.of("segment_entered", 999_999_998L), "steps", List.of(step("done", "exit")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/trigger/segment/id", "/definition/goal/segment_entered"));
        ws.admin().body(Map.of("name", "seg", "definition", Map.of("trigger", Map.of("segment", Map.of("id", known, "on", "joined")),
                        "enrol_key", "message_id", "reentry", Map.of("interval", "PT0S"), "max_active_per_customer", 0,
                        "goal", Map.of("segment_entered", known, "where", List.of()), "steps", List.of(step("done", "exit")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/trigger/segment/on", "/definition/reentry/interval",
                        "/definition/max_active_per_customer", "/definition/goal"));
        ws.admin().body(Map.of("name", "seg", "definition", Map.of("trigger", Map.of("api", Map.of(), "event", "x"),
                        "steps", List.of(step("done", "exit")))))
                .post("/v1/workflows").then().statusCode(400).body("errors.field", containsInAnyOrder("/definition/trigger"));
        ws.admin().body(Map.of("name", "seg", "definition", Map.of("trigger", Map.of("api", Map.of()), "enrol_key", "message_id",
                        "reentry", "interval", "steps", List.of(step("done", "exit")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/enrol_key", "/definition/reentry"));
    }

    @Test
    void theOpenApiExamplesOfSegmentAndApiTriggersAreValidWorkflows() {
        long one = fixture.segment(Map.of("tag", Map.of("has", "vip")));
        long two = fixture.segment(Map.of("tag", Map.of("has", "buyer")));
        ws.admin().body(WorkflowExamples.SEGMENT_ENTERED.replace("\"id\": 1", "\"id\": " + one)
                .replace("\"segment_entered\": 2", "\"segment_entered\": " + two)).post("/v1/workflows").then().statusCode(201);
        ws.admin().body(WorkflowExamples.API).post("/v1/workflows").then().statusCode(201);
    }
}

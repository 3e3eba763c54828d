package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/** Validation of step graphs with several edges per step: every mistake answers 400 with its JSON pointer. */
@QuarkusTest
class WorkflowGraphTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    private io.restassured.response.ValidatableResponse save(List<Map<String, Object>> steps) {
        return ws.admin().body(Map.of("name", "graph", "definition", Map.of("trigger", Map.of("event", "signed_up"), "steps", steps)))
                .post("/v1/workflows").then();
    }

    private static Map<String, Object> when(Object condition, String next) {
        return Map.of("condition", condition, "next", next);
    }

    private static final Map<String, Object> PRO = Map.of("attribute", Map.of("name", "plan", "type", "string", "op", "eq", "value", "pro"));

    @Test
    void everyEdgeOfABranchMustNameAStep() {
        save(List.of(step("b", "branch", "cases", List.of(when(PRO, "done"), when(PRO, "nowhere")), "default", "gone"),
                step("done", "exit")))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("/definition/steps/0/cases/1/next", "/definition/steps/0/default"));
        save(List.of(step("w", "wait_for_event", "event", "x", "timeout", "PT1H", "next", "done", "timeout_next", "lost"),
                step("done", "exit")))
                .statusCode(400).body("errors.field", containsInAnyOrder("/definition/steps/0/timeout_next"));
    }

    @Test
    void aStepOnlyAnotherUnreachableStepLeadsToIsUnreachable() {
        save(List.of(step("b", "branch", "cases", List.of(when(PRO, "a")), "default", "a"), step("a", "exit"),
                step("island", "delay", "duration", "PT1M", "next", "islet"), step("islet", "exit")))
                .statusCode(400).body("errors.field", containsInAnyOrder("/definition/steps/2", "/definition/steps/3"));
    }

    @Test
    void aLoopWithoutADelayThroughABranchIsRejectedEvenWhenAnotherLoopWaits() {
        // b -> hook -> b spins; b -> wait -> b is fine: every cycle counts, not only the first path.
        save(List.of(step("b", "branch", "cases", List.of(when(PRO, "wait")), "default", "hook"),
                step("wait", "delay", "duration", "P1D", "next", "b"),
                step("hook", "update", "add_tag", "x", "next", "b")))
                .statusCode(400).body("errors.field", containsInAnyOrder("/definition/steps/0"))
                .body("errors.message", hasItems(startsWith("starts a loop without a delay: b -> hook -> b")));
        save(List.of(step("b", "branch", "cases", List.of(when(PRO, "wait")), "default", "wait2"),
                step("wait", "delay", "duration", "P1D", "next", "b"),
                step("wait2", "wait_for_event", "event", "x", "timeout", "PT1H", "next", "b", "timeout_next", "b")))
                .statusCode(201);
    }

    @Test
    void anUnknownSegmentBadConditionsAndBadStepFieldsNameTheirPointers() {
        save(List.of(step("b", "branch", "cases", List.of(when(Map.of("in_segment", Map.of("id", Long.MAX_VALUE)), "done")),
                "default", "done"), step("done", "exit")))
                .statusCode(400).body("errors.field", containsInAnyOrder("/definition/steps/0/cases/0/condition/in_segment/id"));
        save(List.of(step("b", "branch", "cases", List.of(
                        when(Map.of("attribute", Map.of("name", "plan", "type", "string", "op", "gt", "value", "pro")), "done"),
                        when(Map.of("trigger", List.of(Map.of("property", "n", "type", "nope", "op", "eq", "value", 1))), "done")),
                "default", "done"), step("done", "exit")))
                .statusCode(400).body("errors.field", containsInAnyOrder("/definition/steps/0/cases/0/condition/attribute/op",
                        "/definition/steps/0/cases/1/condition/trigger/0/type"));
        save(List.of(step("s", "split", "paths", List.of(Map.of("weight", 0, "next", "done"))),
                step("u", "update", "attribute", Map.of("name", "email", "value", "x"), "add_tag", "t", "next", "done"),
                step("d", "delay", "time_of_day", Map.of("at", "25:00", "fallback_zone", "Mars/Olympus"), "next", "done"),
                step("w", "wait_for_event", "event", "x", "timeout", "soon", "next", "done", "timeout_next", "done", "url", "http://x"),
                step("done", "exit")))
                .statusCode(400).body("errors.field", hasItems("/definition/steps/0/paths", "/definition/steps/1",
                        "/definition/steps/2/time_of_day/at", "/definition/steps/2/time_of_day/fallback_zone",
                        "/definition/steps/3/timeout", "/definition/steps/3/url"));
        ws.admin().body(Map.of("name", "goal", "definition", Map.of("trigger", Map.of("event", "signed_up"),
                        "goal", Map.of("event", "", "where", List.of(Map.of("property", "a", "type", "number", "op", "eq", "value", "x"))),
                        "steps", List.of(step("done", "exit")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/goal/event", "/definition/goal/where/0/value"));
    }

    @Test
    void theOpenApiExamplesAreValidWorkflows() {
        for (String example : List.of(WorkflowExamples.WELCOME, WorkflowExamples.PER_CART)) {
            ws.admin().body(example).post("/v1/workflows").then().statusCode(201);
        }
    }
}

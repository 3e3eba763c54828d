package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API trigger: a run per Idempotency-Key, its payload as the trigger event's properties. */
@QuarkusTest
class WorkflowApiTriggerTest extends WorkflowTestBase {

    private static final Map<String, Object> API = Map.of("trigger", Map.of("api", Map.of()));

    /** Tags the customer "big" when the payload's total is at least 100. */
    private static List<Map<String, Object>> bigOrderTag() {
        return List.of(step("route", "branch", "cases", List.of(Map.of("condition", Map.of("trigger", List.of(
                                Map.of("property", "total", "type", "number", "op", "gte", "value", 100))), "next", "tag")),
                        "default", "done"),
                step("tag", "update", "add_tag", "big", "next", "done"), step("done", "exit"));
    }

    private ValidatableResponse start(long workflow, String key, String customer, Map<String, Object> payload) {
        var request = ws.admin().body(Map.of("customer_id", customer, "payload", payload));
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/v1/workflows/" + workflow + "/runs").then();
    }

    private String customer() {
        String user = unique("u");
        fixture.event(user, "seen", Map.of());
        return user;
    }

    @Test
    void aCallStartsARunWhosePayloadIsTheTriggerAndTheSameKeyAnswersTheSameRun() {
        long wf = fixture.workflowId(API, bigOrderTag());
        String user = customer();
        String key = unique("k");
        var created = start(wf, key, user, Map.of("total", 120)).statusCode(201).body("state", equalTo("ready")).extract();
        long id = created.jsonPath().getLong("id");
        assertTrue(created.header("Location").endsWith("/v1/workflow-runs/" + id), created.header("Location"));
        start(wf, key, user, Map.of("total", 120)).statusCode(200).body("id", equalTo((int) id));
        start(wf, key, user, Map.of("total", 121)).statusCode(409);
        start(wf, key, customer(), Map.of("total", 120)).statusCode(409);
        fixture.drain();
        assertEquals("completed", fixture.run(id).getString("state"));
        assertEquals("api:" + key, fixture.run(id).getString("enrol_key"));
        ws.admin().get("/v1/customers/" + user).then().statusCode(200).body("tags", hasItem("big"));

        String small = customer();
        long other = start(wf, unique("k"), small, Map.of("total", 5)).statusCode(201).extract().jsonPath().getLong("id");
        fixture.drain();
        assertEquals(List.of("route", "done"), fixture.path(fixture.run(other)));
    }

    @Test
    void refusesWithoutAKeyForAnUnknownCustomerAndForAWorkflowThatIsNotAnActiveApiTrigger() {
        long wf = fixture.workflowId(API, bigOrderTag());
        String user = customer();
        start(wf, null, user, Map.of()).statusCode(400).body("errors[0].field", equalTo("/headers/Idempotency-Key"));
        start(wf, "k".repeat(256), user, Map.of()).statusCode(400);
        start(wf, unique("k"), unique("nobody"), Map.of()).statusCode(404);
        start(999_999_999L, unique("k"), user, Map.of()).statusCode(404);
        long byEvent = fixture.workflowId(Map.of(), bigOrderTag());
        start(byEvent, unique("k"), user, Map.of()).statusCode(409);
        Map<String, Object> paused = new HashMap<>(Map.of("trigger", Map.of("api", Map.of()), "steps", bigOrderTag()));
        ws.admin().body(Map.of("name", "p", "status", "paused", "definition", paused)).put("/v1/workflows/" + wf).then().statusCode(200);
        start(wf, unique("k"), user, Map.of()).statusCode(409);
    }

    @Test
    void theCapAppliesToApiRuns() {
        Map<String, Object> capped = new HashMap<>(API);
        capped.put("max_active_per_customer", 1);
        long wf = fixture.workflowId(capped, List.of(step("wait", "delay", "duration", "P1D", "next", "done"), step("done", "exit")));
        String user = customer();
        start(wf, unique("k"), user, Map.of()).statusCode(201);
        start(wf, unique("k"), user, Map.of()).statusCode(409);
        start(wf, unique("k"), customer(), Map.of()).statusCode(201);
    }
}

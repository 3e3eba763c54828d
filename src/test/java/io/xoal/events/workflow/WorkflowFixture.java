package io.xoal.events.workflow;

import io.restassured.path.json.JsonPath;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.workflow.engine.WorkflowPoller;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the workflow tests share: an active workflow over HTTP, events through real ingest, the
 * poller driven by the test (the test clock decides what is due), and the run reads.
 */
final class WorkflowFixture {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final TestWorkspace ws;
    private final WorkflowPoller poller;

    WorkflowFixture(TestWorkspace ws, WorkflowPoller poller) {
        this.ws = ws;
        this.poller = poller;
    }

    /** An active workflow, by default on {@code signed_up}; the answer holds its id and signing secret. */
    JsonPath workflow(Map<String, Object> options, List<Map<String, Object>> steps) {
        Map<String, Object> definition = new HashMap<>(options);
        definition.putIfAbsent("trigger", Map.of("event", "signed_up"));
        definition.put("steps", steps);
        return ws.admin().body(Map.of("name", unique("wf"), "status", "active", "definition", definition))
                .post("/v1/workflows").then().statusCode(201).extract().jsonPath();
    }

    /** The workflow's id. */
    long workflowId(Map<String, Object> options, List<Map<String, Object>> steps) {
        return workflow(options, steps).getLong("id");
    }

    /** An event of customer {@code user} through the Xoal ingest API. */
    void event(String user, String name, String messageId, Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("userId", user);
        ws.ingest().body(Map.of("event", name, "messageId", messageId, "properties", props))
                .post("/ingest/v1/event").then().statusCode(200);
    }

    void event(String user, String name, Map<String, Object> properties) {
        event(user, name, unique("m"), properties);
    }

    int poll() {
        return poller.poll().await().atMost(WAIT);
    }

    /** Polls until a round finds nothing to do. */
    void drain() {
        for (int i = 0; i < 50 && poll() > 0; i++) {
            // each round advances every due run by one step
        }
    }

    List<Map<String, Object>> runs(long workflow) {
        return ws.admin().get("/v1/workflows/" + workflow + "/runs").then().statusCode(200).extract().jsonPath().getList("items");
    }

    JsonPath run(long id) {
        return ws.admin().get("/v1/workflow-runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The one run of {@code user} in the workflow. */
    JsonPath runOf(long workflow, String user) {
        List<Map<String, Object>> mine = runs(workflow).stream().filter(r -> user.equals(r.get("customer_id"))).toList();
        assertEquals(1, mine.size(), "runs of " + user);
        return run(((Number) mine.get(0).get("id")).longValue());
    }

    /** An active segment, once its first computation is done. */
    long segment(Object definition) {
        long id = ws.admin().body(Map.of("name", unique("seg"), "definition", definition)).post("/v1/segments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Awaitility.await().atMost(WAIT).until(() -> "done".equals(ws.admin().get("/v1/segments/" + id).then().statusCode(200)
                .extract().jsonPath().getString("refresh.state")));
        return id;
    }

    void awaitMember(long segment, String user, boolean member) {
        Awaitility.await().atMost(WAIT).until(() -> Boolean.valueOf(member).equals(ws.admin()
                .get("/v1/segments/" + segment + "/members/" + user).then().statusCode(200).extract().jsonPath().get("member")));
    }

    /** The ids of the steps a run went through, in order, from its step log. */
    List<String> path(JsonPath run) {
        return run.getList("steps.step_id");
    }
}

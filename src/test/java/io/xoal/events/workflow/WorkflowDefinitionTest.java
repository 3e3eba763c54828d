package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Workflow definitions over HTTP: create, version on change, list, delete, and validation with JSON paths. */
@QuarkusTest
class WorkflowDefinitionTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    static Map<String, Object> step(String id, String type, Object... more) {
        Map<String, Object> step = new java.util.LinkedHashMap<>(Map.of("id", id, "type", type));
        for (int i = 0; i < more.length; i += 2) {
            step.put((String) more[i], more[i + 1]);
        }
        return step;
    }

    private static Map<String, Object> definition(List<Map<String, Object>> steps) {
        return Map.of("trigger", Map.of("event", "signed_up"), "steps", steps);
    }

    @Test
    void everyChangeIsANewVersionAndTheSecretIsShownOnce() {
        var created = ws.admin().body(Map.of("name", "welcome", "definition",
                        definition(List.of(step("done", "exit")))))
                .post("/v1/workflows").then().statusCode(201)
                .header("Location", containsString("/v1/workflows/"))
                .body("status", is("draft")).body("version", is(1)).body("signing_secret", startsWith("whsec_"))
                .extract().jsonPath();
        long id = created.getLong("id");
        ws.admin().get("/v1/workflows/" + id).then().statusCode(200).body("signing_secret", nullValue());
        ws.admin().body(Map.of("name", "welcome 2", "status", "active", "definition",
                        definition(List.of(step("wait", "delay", "duration", "PT1H", "next", "done"), step("done", "exit")))))
                .put("/v1/workflows/" + id).then().statusCode(200)
                .body("version", is(2)).body("status", is("active")).body("definition.steps[0].id", is("wait"));
        ws.admin().get("/v1/workflows").then().statusCode(200).body("items[0].id", is((int) id));
        ws.admin().delete("/v1/workflows/" + id).then().statusCode(204);
        ws.admin().get("/v1/workflows/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidGraphsAnswer400WithEachJsonPath() {
        ws.admin().body(Map.of("name", "broken", "definition", Map.of("trigger", Map.of("event", "signed_up"),
                        "steps", List.of(step("a", "teleport", "next", "b"), step("b", "webhook", "url", "ftp://x")))))
                .post("/v1/workflows").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("/definition/steps/0/type", "/definition/steps/1/url",
                        "/definition/steps/1/next"));
        ws.admin().body(Map.of("name", "dangling", "definition", definition(List.of(
                        step("a", "delay", "duration", "PT1M", "next", "nowhere"), step("b", "exit")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/steps/0/next"));
        ws.admin().body(Map.of("name", "unreachable", "definition", definition(List.of(step("a", "exit"), step("b", "exit")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/steps/1"));
        ws.admin().body(Map.of("name", "spin", "definition", definition(List.of(
                        step("a", "delay", "duration", "PT0S", "next", "b"), step("b", "webhook", "url", "http://127.0.0.1/x", "next", "a")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/steps/0"))
                .body("errors.message", hasItems(startsWith("starts a loop without a delay")));
        ws.admin().body(Map.of("name", "bad filter", "definition", Map.of("trigger", Map.of("event", "signed_up",
                        "where", List.of(Map.of("property", "plan", "type", "string", "op", "gt", "value", "pro"))),
                        "steps", List.of(step("done", "exit")))))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("/definition/trigger/where/0/op"));
        ws.admin().body(Map.of("name", "bad keys", "definition", Map.of("trigger", Map.of("name", "x"),
                        "reentry", "sometimes", "enrol_key", 3, "steps", List.of())))
                .post("/v1/workflows").then().statusCode(400)
                .body("errors.field", hasItems("/definition/trigger/name", "/definition/reentry", "/definition/enrol_key",
                        "/definition/steps"));
    }

    @Test
    void aLoopThroughADelayIsAllowed() {
        ws.admin().body(Map.of("name", "daily ping", "definition", definition(List.of(
                        step("wait", "delay", "duration", "P1D", "next", "ping"),
                        step("ping", "webhook", "url", "https://example.com/ping", "next", "wait")))))
                .post("/v1/workflows").then().statusCode(201).body("id", notNullValue());
    }
}

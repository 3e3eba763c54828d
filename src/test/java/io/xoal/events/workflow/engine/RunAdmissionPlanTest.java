package io.xoal.events.workflow.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Admission asks, per candidate, whether its enrolment key has a run already: a probe of the
 * unique key. No other index of {@code workflow_runs} may lead with (workspace, workflow) without a
 * predicate the probe cannot meet: on a table without statistics (never analyzed, as here, where
 * autovacuum is off) the planner took the stats index on (workspace, workflow, entered_at) and
 * filtered every run of the workflow per candidate (3.5 s for 200 candidates at 26k runs). So
 * admissions that grow the table by a tenth or more analyze it.
 */
@QuarkusTest
class RunAdmissionPlanTest {

    private static final int BATCH = 200;

    @Inject
    Pool pool;
    @Inject
    WorkflowPoller poller;

    @Test
    void theKeyProbeUsesTheUniqueKeyOnceRunsWereAdmitted() {
        TestWorkspace ws = TestWorkspace.create();
        ws.admin().body(Map.of("name", unique("wf"), "status", "active", "definition", Map.of("trigger", Map.of("event", "signed_up"),
                "steps", List.of(Map.of("id", "done", "type", "exit"))))).post("/v1/workflows").then().statusCode(201);
        List<Map<String, Object>> burst = new ArrayList<>();
        for (int i = 0; i < 2 * BATCH; i++) {
            burst.add(Map.of("event", "signed_up", "messageId", unique("m"), "properties", Map.of("userId", unique("u"))));
        }
        ws.ingest().body(burst).post("/ingest/v1/event").then().statusCode(200);
        for (int round = 0; round < 2; round++) {
            poller.poll().await().atMost(Duration.ofSeconds(30));
        }

        Tuple one = Tuple.tuple(List.of(new Long[]{1L}, new Long[]{1L}, new Integer[]{1}, new Long[]{1L}, new String[]{"message:m"},
                new String[]{"s"}, new String[]{"{}"}, OffsetDateTime.now()));
        JsonObject plan = new JsonArray(pool.preparedQuery("EXPLAIN (FORMAT JSON) " + RunAdmission.ADMIT).execute(one)
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getValue(0).toString()).getJsonObject(0).getJsonObject("Plan");
        List<String> indexes = new ArrayList<>();
        collect(plan, indexes);
        assertEquals(List.of("workflow_runs_workspace_id_workflow_id_enrol_key_key"),
                indexes.stream().filter(i -> i.startsWith("workflow_runs")).toList(), "indexes of workflow_runs the statement reads");
    }

    private static void collect(JsonObject node, List<String> indexes) {
        if (node.getString("Index Name") != null) {
            indexes.add(node.getString("Index Name"));
        }
        JsonArray children = node.getJsonArray("Plans");
        for (int i = 0; children != null && i < children.size(); i++) {
            collect(children.getJsonObject(i), indexes);
        }
    }
}

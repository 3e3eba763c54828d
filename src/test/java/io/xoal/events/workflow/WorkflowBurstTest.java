package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.workflow.engine.WorkflowJob;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A burst is worked off by one tick of the poller, not one batch per poll interval: while a
 * round claims a full batch (200 here), the next round follows at once.
 */
@QuarkusTest
class WorkflowBurstTest extends WorkflowTestBase {

    private static final int CUSTOMERS = 450;

    @Inject
    WorkflowJob job;

    @Test
    void oneTickWorksOffMoreThanOneBatch() {
        fixture.workflowId(Map.of(), List.of(
                Map.of("id", "wait", "type", "delay", "duration", "PT0S", "next", "done"),
                Map.of("id", "done", "type", "exit")));
        List<Map<String, Object>> burst = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            burst.add(Map.of("event", "signed_up", "messageId", unique("m"), "properties", Map.of("userId", unique("u"))));
        }
        ws.ingest().body(burst).post("/ingest/v1/event").then().statusCode(200);

        job.tick().await().atMost(WorkflowFixture.WAIT.multipliedBy(3));

        assertEquals(CUSTOMERS, TestDatabase.number(
                "SELECT count(*) FROM workflow_runs WHERE workspace_id = ? AND state = 'completed'", ws.id()),
                "every run of the burst went through both steps in one tick");
    }
}

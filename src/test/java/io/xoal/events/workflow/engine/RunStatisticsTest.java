package io.xoal.events.workflow.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;

/**
 * Admission asks, per candidate, whether its enrolment key has a run already: a probe of the
 * unique key. On a table whose statistics do not know its size (never analyzed, as here, where
 * autovacuum is off) the planner took another index leading with (workspace, workflow) and
 * filtered every run of the workflow per candidate: 3.5 s for 200 candidates at 26k runs on the
 * bench. So runs admitted since the last analysis that add up to a tenth of the table analyze it.
 */
@QuarkusTest
class RunStatisticsTest {

    private static final String ANALYZED = "SELECT analyze_count + autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'workflow_runs'";
    private static final int BATCH = 200;

    @Inject
    WorkflowPoller poller;

    @Test
    void runsAdmittedInBatchesThatAddUpToATenthOfTheTableAnalyzeIt() throws Exception {
        try (Connection c = TestDatabase.connect()) {
            c.createStatement().execute("ANALYZE workflow_runs");
        }
        long before = TestDatabase.number(ANALYZED);
        long runs = TestDatabase.number("SELECT count(*) FROM workflow_runs");
        TestWorkspace ws = TestWorkspace.create();
        ws.admin().body(Map.of("name", unique("wf"), "status", "active", "definition", Map.of("trigger", Map.of("event", "signed_up"),
                "steps", List.of(Map.of("id", "done", "type", "exit"))))).post("/v1/workflows").then().statusCode(201);
        long burst = Math.max(2 * BATCH, runs / 10 + BATCH);
        for (long sent = 0; sent < burst; sent += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(Map.of("event", "signed_up", "messageId", unique("m"), "properties", Map.of("userId", unique("u"))));
            }
            ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        }
        for (long round = 0; round * BATCH < burst + 500; round++) {
            poller.poll().await().atMost(Duration.ofSeconds(30));
        }
        Awaitility.await("workflow_runs analyzed after " + burst + " runs admitted in batches of " + BATCH + " to a table of " + runs)
                .atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.number(ANALYZED) > before);
    }
}

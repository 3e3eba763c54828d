package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.Metrics;
import io.xoal.events.workflow.engine.DueRunLag;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's Prometheus meters move: step attempts by type and outcome, and the lag of the oldest due run. */
@QuarkusTest
class WorkflowMetricsTest extends WorkflowTestBase {

    private static final String STEPS = "xoal_workflows_steps_total";
    private static final String LAG = "xoal_workflows_due_lag_seconds";

    @Inject
    DueRunLag lag;

    private static double steps(String type, String outcome) {
        return Metrics.value(STEPS, Map.of("type", type, "outcome", outcome));
    }

    @Test
    void stepAttemptsAreCountedByTypeAndOutcomeOnceCommitted() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            fixture.workflowId(Map.of(), List.of(step("wait", "delay", "duration", "PT0S", "next", "hook"),
                    step("hook", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
            double delayed = steps("delay", "delayed");
            double sent = steps("webhook", "sent");
            double completed = steps("exit", "completed");
            for (int i = 0; i < 3; i++) {
                fixture.event(unique("u"), "signed_up", Map.of());
            }
            fixture.drain();
            assertEquals(3, receiver.received().size());
            assertEquals(delayed + 3, steps("delay", "delayed"));
            assertEquals(sent + 3, steps("webhook", "sent"), "counted when the webhook's record commits");
            assertEquals(completed + 3, steps("exit", "completed"));
        }
    }

    @Test
    void theDueLagIsTheAgeOfTheOldestReadyRunAndFallsWhenThePollersCatchUp() {
        fixture.workflowId(Map.of(), List.of(step("wait", "delay", "duration", "PT1H", "next", "done"), step("done", "exit")));
        fixture.event(unique("u"), "signed_up", Map.of());
        fixture.drain();
        clock.advance(Duration.ofHours(3));
        lag.refresh(clock.instant()).await().atMost(WorkflowFixture.WAIT);
        assertTrue(Metrics.value(LAG) >= 2 * 3600 - 60, "due two hours ago: " + Metrics.value(LAG));
        fixture.drain();
        lag.refresh(clock.instant()).await().atMost(WorkflowFixture.WAIT);
        assertEquals(0.0, Metrics.value(LAG));
    }
}

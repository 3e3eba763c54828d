package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Re-entry once per interval and the cap of active runs per customer, decided by the enrolment upsert, on the test clock. */
@QuarkusTest
class WorkflowReentryTest extends WorkflowTestBase {

    private static List<Map<String, Object>> delayThenExit(String duration) {
        return List.of(step("wait", "delay", "duration", duration, "next", "done"), step("done", "exit"));
    }

    private long runsOf(long workflow, String user) {
        return fixture.runs(workflow).stream().filter(r -> user.equals(r.get("customer_id"))).count();
    }

    @Test
    void aCustomerReentersOnlyOnceTheIntervalHasPassed() {
        long wf = fixture.workflowId(Map.of("reentry", Map.of("interval", "P7D")), delayThenExit("PT0S"));
        String user = unique("u");
        String other = unique("other");
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        assertEquals(1, runsOf(wf, user));

        clock.advance(Duration.ofDays(6));
        fixture.event(user, "signed_up", Map.of());
        fixture.event(other, "signed_up", Map.of());
        fixture.drain();
        assertEquals(1, runsOf(wf, user), "six days after the first entry");
        assertEquals(1, runsOf(wf, other), "the interval is per customer");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        assertEquals(2, runsOf(wf, user), "seven days after the first entry");
        clock.advance(Duration.ofDays(1));
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        assertEquals(2, runsOf(wf, user), "the interval counts from the last entry");
    }

    @Test
    void theCapRefusesRunsWhileTheCustomerHasThatManyActiveAndAdmitsOnceOneCompletes() {
        long wf = fixture.workflowId(Map.of("max_active_per_customer", 2), delayThenExit("P1D"));
        String user = unique("u");
        for (int i = 0; i < 3; i++) {
            fixture.event(user, "signed_up", Map.of());
        }
        fixture.drain();
        assertEquals(2, runsOf(wf, user), "three events in one enrolment batch: the cap admits two");
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        assertEquals(2, runsOf(wf, user), "the cap is reached");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        fixture.drain();
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        assertEquals(3, runsOf(wf, user), "both runs completed: room for one more");
    }

    @Test
    void everyEnrolsEachEventOfACustomerInOneBatch() {
        long wf = fixture.workflowId(Map.of(), delayThenExit("P1D"));
        String user = unique("u");
        for (int i = 0; i < 3; i++) {
            fixture.event(user, "signed_up", Map.of());
        }
        fixture.drain();
        assertEquals(3, runsOf(wf, user));
    }
}

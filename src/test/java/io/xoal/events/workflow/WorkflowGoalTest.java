package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunQueue;
import io.xoal.events.workflow.webhook.WebhookStep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A goal event makes its customer leave their active runs at once, from inside a delay or a wait. */
@QuarkusTest
class WorkflowGoalTest extends WorkflowTestBase {

    private static final Map<String, Object> GOAL = Map.of("goal", Map.of("event", "purchased", "where", List.of(
            Map.of("property", "amount", "type", "number", "op", "gte", "value", 10))));

    @Inject
    RunQueue queue;
    @Inject
    WebhookStep webhooks;

    @Test
    void aGoalExitsARunInsideADelayAtOnce() {
        long wf = fixture.workflowId(GOAL, List.of(step("wait", "delay", "duration", "P3D", "next", "nudge"),
                step("nudge", "update", "add_tag", "nudged", "next", "done"), step("done", "exit")));
        String buyer = unique("buyer");
        String other = unique("other");
        fixture.event(buyer, "signed_up", Map.of());
        fixture.event(other, "signed_up", Map.of());
        fixture.drain();
        fixture.event(buyer, "purchased", Map.of("amount", 5));
        fixture.drain();
        assertEquals("ready", fixture.runOf(wf, buyer).getString("state"), "a purchase that misses the goal's filter");

        fixture.event(buyer, "purchased", Map.of("amount", 20));
        fixture.drain();
        JsonPath exited = fixture.runOf(wf, buyer);
        assertEquals("exited", exited.getString("state"));
        assertEquals("goal", exited.getString("exit_reason"));
        assertEquals(List.of("delayed", "goal"), exited.getList("steps.outcome"));

        clock.advance(Duration.ofDays(4));
        fixture.drain();
        assertEquals("exited", fixture.runOf(wf, buyer).getString("state"));
        assertEquals(List.of(), ws.admin().get("/v1/customers/" + buyer).then().statusCode(200).extract().jsonPath().getList("tags"),
                "the steps after the delay never ran");
        assertEquals("completed", fixture.runOf(wf, other).getString("state"), "another customer's run goes on");
    }

    @Test
    void aGoalExitsAWaitingRun() {
        long wf = fixture.workflowId(GOAL, List.of(
                step("wait", "wait_for_event", "event", "logged_in", "timeout", "P1D", "next", "done", "timeout_next", "done"),
                step("done", "exit")));
        String buyer = unique("buyer");
        fixture.event(buyer, "signed_up", Map.of());
        fixture.drain();
        assertEquals("waiting", fixture.runOf(wf, buyer).getString("state"));
        fixture.event(buyer, "purchased", Map.of("amount", 10));
        fixture.drain();
        clock.advance(Duration.ofDays(2));
        fixture.drain();
        JsonPath exited = fixture.runOf(wf, buyer);
        assertEquals("exited", exited.getString("state"));
        assertEquals(List.of("waiting", "goal"), exited.getList("steps.outcome"));
    }

    @Test
    void aGoalExitsARunBetweenItsClaimAndItsSendAndTheSendIsFencedOut() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long wf = fixture.workflowId(GOAL, List.of(step("hook", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
            String buyer = unique("buyer");
            fixture.event(buyer, "signed_up", Map.of());
            queue.enrol(clock.instant()).await().atMost(WorkflowFixture.WAIT);
            ClaimedRun sending = queue.claim(clock.instant()).await().atMost(WorkflowFixture.WAIT).stream()
                    .filter(run -> run.workflowId() == wf).findFirst().orElseThrow();
            fixture.event(buyer, "purchased", Map.of("amount", 50));
            queue.enrol(clock.instant()).await().atMost(WorkflowFixture.WAIT);
            assertFalse(webhooks.run(sending, sending.step()).await().atMost(WorkflowFixture.WAIT), "the lease went with the goal");
            assertEquals(List.of(), receiver.received());
            JsonPath exited = fixture.runOf(wf, buyer);
            assertEquals("exited", exited.getString("state"));
            assertEquals(List.of("goal"), exited.getList("steps.outcome"));
        }
    }
}

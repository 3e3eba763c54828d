package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Wait for an event, scoped to the run by a trigger property, woken in the inbox → runs transaction or timed out. */
@QuarkusTest
class WorkflowWaitTest extends WorkflowTestBase {

    @Inject
    Pool pool;

    /** One run per cart: waits an hour for the checkout of the same cart. */
    private long cartWorkflow() {
        return fixture.workflowId(Map.of("trigger", Map.of("event", "cart_abandoned"), "enrol_key", Map.of("property", "cartId")),
                List.of(step("wait", "wait_for_event", "event", "checked_out", "match", Map.of("property", "cartId"),
                                "timeout", "PT1H", "next", "thanks", "timeout_next", "remind"),
                        step("thanks", "exit"), step("remind", "exit")));
    }

    private JsonPath runOfCart(long wf, String cart) {
        Map<String, Object> run = fixture.runs(wf).stream().filter(r -> ("property:" + cart).equals(r.get("enrol_key"))).findFirst()
                .orElseThrow();
        return fixture.run(((Number) run.get("id")).longValue());
    }

    @Test
    void theCheckoutOfTheSameCartWakesOnlyThatRunAndTheOtherTimesOut() {
        long wf = cartWorkflow();
        String user = unique("u");
        String c1 = unique("c");
        String c2 = unique("c");
        fixture.event(user, "cart_abandoned", Map.of("cartId", c1));
        fixture.event(user, "cart_abandoned", Map.of("cartId", c2));
        fixture.drain();
        assertEquals("waiting", runOfCart(wf, c1).getString("state"));
        assertEquals("waiting", runOfCart(wf, c2).getString("state"));

        fixture.event(unique("stranger"), "checked_out", Map.of("cartId", c2));
        fixture.event(user, "checked_out", Map.of("cartId", unique("other")));
        fixture.event(user, "page_viewed", Map.of("cartId", c2));
        fixture.drain();
        assertEquals("waiting", runOfCart(wf, c2).getString("state"), "another customer's, another cart's, another name's event wake nothing");

        fixture.event(user, "checked_out", Map.of("cartId", c2));
        fixture.drain();
        JsonPath woken = runOfCart(wf, c2);
        assertEquals("completed", woken.getString("state"));
        assertEquals(List.of("waiting", "matched", "completed"), woken.getList("steps.outcome"));
        assertEquals(List.of("wait", "wait", "thanks"), fixture.path(woken));
        assertEquals("waiting", runOfCart(wf, c1).getString("state"), "the other cart's run still waits");

        clock.advance(Duration.ofMinutes(59));
        fixture.drain();
        assertEquals("waiting", runOfCart(wf, c1).getString("state"));
        clock.advance(Duration.ofMinutes(2));
        fixture.drain();
        JsonPath timedOut = runOfCart(wf, c1);
        assertEquals("completed", timedOut.getString("state"));
        assertEquals(List.of("waiting", "timed_out", "completed"), timedOut.getList("steps.outcome"));
        assertEquals(List.of("wait", "wait", "remind"), fixture.path(timedOut));
    }

    @Test
    void aWaitWithoutAMatchPropertyTakesAnyEventOfThatNameOfItsCustomer() {
        long wf = fixture.workflowId(Map.of(), List.of(
                step("wait", "wait_for_event", "event", "logged_in", "timeout", "P1D", "next", "welcome", "timeout_next", "nudge"),
                step("welcome", "exit"), step("nudge", "exit")));
        String user = unique("u");
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        JsonPath waiting = fixture.runOf(wf, user);
        assertEquals(clock.instant().plus(Duration.ofDays(1)).getEpochSecond(), Instant.parse(waiting.getString("due_at")).getEpochSecond(),
                1.0, "due at the timeout");
        fixture.event(user, "logged_in", Map.of());
        fixture.drain();
        assertEquals(List.of("wait", "wait", "welcome"), fixture.path(fixture.runOf(wf, user)));
    }

    @Test
    void deletingAWaitingCustomerErasesTheirRunsAndTheEventsQueuedForThem() {
        long wf = cartWorkflow();
        String user = unique("u");
        String cart = unique("c");
        fixture.event(user, "cart_abandoned", Map.of("cartId", cart));
        fixture.drain();
        fixture.event(user, "checked_out", Map.of("cartId", cart));
        assertEquals(1L, signals(), "the checkout is queued for the waiting run");
        ws.admin().delete("/v1/customers/" + user).then().statusCode(204);
        assertEquals(0L, signals(), "with its properties, in the delete's transaction");
        assertEquals(List.of(), fixture.runs(wf));
    }

    private long signals() {
        return pool.preparedQuery("SELECT count(*) FROM workflow_signals WHERE workspace_id = $1").execute(Tuple.of(ws.id()))
                .await().atMost(WorkflowFixture.WAIT).iterator().next().getLong(0);
    }
}

package io.xoal.events.workflow;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;
import io.xoal.events.workflow.engine.RunQueue;
import io.xoal.events.workflow.webhook.WebhookStep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine end to end: real ingest, real PostgreSQL, the poller driven by the test with the
 * test clock, webhooks to a receiver in the test that verifies their signatures.
 */
@QuarkusTest
class WorkflowRunTest extends WorkflowTestBase {

    private static final Duration WAIT = WorkflowFixture.WAIT;

    @TestHTTPResource(value = "/", tls = true)
    URL https;
    @Inject
    RunQueue queue;
    @Inject
    WebhookStep webhooks;
    @Inject
    Pool pool;

    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private JsonPath workflow(Map<String, Object> options, List<Map<String, Object>> steps) {
        return fixture.workflow(options, steps);
    }

    private JsonPath webhookThenExit(Map<String, Object> options) {
        return workflow(options, List.of(step("hook", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
    }

    private void signUp(String user, String messageId, Map<String, Object> properties) {
        fixture.event(user, "signed_up", messageId, properties);
    }

    private void drain() {
        fixture.drain();
    }

    private List<Map<String, Object>> runs(long workflow) {
        return fixture.runs(workflow);
    }

    private JsonPath run(long id) {
        return fixture.run(id);
    }

    @Test
    void signedUpWaitsTheDelayThenPostsASignedWebhook() throws Exception {
        JsonPath wf = workflow(Map.of(), List.of(step("wait", "delay", "duration", "PT1H", "next", "welcome"),
                step("welcome", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
        String user = unique("u");
        signUp(user, unique("m"), Map.of("plan", "pro"));
        drain();
        List<Map<String, Object>> runs = runs(wf.getLong("id"));
        assertEquals(1, runs.size());
        assertEquals("welcome", runs.get(0).get("step_id"));
        assertEquals(List.of(), receiver.received(), "nothing is sent before the delay ends");

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        drain();
        assertEquals(1, receiver.received().size());
        WebhookReceiver.Received hook = receiver.received().get(0);
        assertTrue(WebhookReceiver.signedWith(wf.getString("signing_secret"), hook), "the signature verifies");
        assertTrue(Math.abs(hook.timestamp() - clock.instant().getEpochSecond()) < 300, "the timestamp is now");
        JsonPath body = new JsonPath(hook.body());
        assertEquals(user, body.getString("customer.id"));
        assertEquals("pro", body.getString("event.properties.plan"));
        JsonPath done = run(((Number) runs.get(0).get("id")).longValue());
        assertEquals("completed", done.getString("state"));
        assertEquals(List.of("delayed", "sent", "completed"), done.getList("steps.outcome"));
        assertEquals(hook.id(), done.getString("steps[1].detail.delivery_id"));
    }

    @Test
    void aRunFinishesOnTheVersionItEnrolledWithAndAPausedWorkflowEnrolsNobody() throws Exception {
        JsonPath wf = workflow(Map.of(), List.of(step("wait", "delay", "duration", "PT1H", "next", "hook"),
                step("hook", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
        long id = wf.getLong("id");
        signUp(unique("u"), unique("m"), Map.of());
        drain();
        try (WebhookReceiver other = new WebhookReceiver()) {
            ws.admin().body(Map.of("name", "v2", "status", "paused", "definition", Map.of("trigger", Map.of("event", "signed_up"),
                            "steps", List.of(step("hook", "webhook", "url", other.url(), "next", "done"), step("done", "exit")))))
                    .put("/v1/workflows/" + id).then().statusCode(200);
            signUp(unique("u"), unique("m"), Map.of());
            clock.advance(Duration.ofHours(2));
            drain();
            assertEquals(1, runs(id).size(), "a paused workflow enrols nobody");
            assertEquals(1, runs(id).get(0).get("version"));
            assertEquals(1, receiver.received().size(), "the run went on with version 1's steps");
            assertEquals(List.of(), other.received());
        }
    }

    @Test
    void onlyEventsMatchingTheTriggersFiltersEnrol() {
        JsonPath wf = webhookThenExit(Map.of("trigger", Map.of("event", "signed_up", "where", List.of(
                Map.of("property", "plan", "type", "string", "op", "eq", "value", "pro"),
                Map.of("property", "seats", "type", "number", "op", "gte", "value", 5)))));
        String pro = unique("pro");
        signUp(pro, unique("m"), Map.of("plan", "pro", "seats", 10));
        signUp(unique("free"), unique("m"), Map.of("plan", "free", "seats", 10));
        signUp(unique("small"), unique("m"), Map.of("plan", "pro", "seats", 2));
        signUp(unique("bare"), unique("m"), Map.of());
        drain();
        List<Map<String, Object>> runs = runs(wf.getLong("id"));
        assertEquals(List.of(pro), runs.stream().map(r -> r.get("customer_id")).toList());
    }

    @Test
    void aDeletedCustomersRunsAreErasedAndSendNothing() {
        JsonPath wf = workflow(Map.of(), List.of(step("wait", "delay", "duration", "PT1H", "next", "welcome"),
                step("welcome", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
        String viaAdmin = unique("adm");
        String viaIngest = unique("cio");
        signUp(viaAdmin, unique("m"), Map.of());
        signUp(viaIngest, unique("m"), Map.of());
        drain();
        assertEquals(2, runs(wf.getLong("id")).size());

        ws.admin().delete("/v1/customers/" + viaAdmin).then().statusCode(204);
        customerIo().delete("/api/v1/customers/" + viaIngest).then().statusCode(200);
        clock.advance(Duration.ofHours(2));
        drain();
        assertEquals(List.of(), runs(wf.getLong("id")), "their runs, with the trigger events they hold, are gone");
        assertEquals(List.of(), receiver.received(), "nothing is sent about a deleted customer");
    }

    @Test
    void aMergedCustomersRunCarriesOnAsTheTarget() {
        workflow(Map.of(), List.of(step("wait", "delay", "duration", "PT1H", "next", "welcome"),
                step("welcome", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
        String source = unique("src");
        String target = unique("dst");
        signUp(source, unique("m"), Map.of());
        ws.ingest().body(Map.of("event", "logged_in", "properties", Map.of("userId", target))).post("/ingest/v1/event")
                .then().statusCode(200);
        drain();

        customerIo().body(Map.of("primary", Map.of("id", target), "secondary", Map.of("id", source)))
                .post("/api/v1/merge_customers").then().statusCode(200);
        clock.advance(Duration.ofHours(2));
        drain();
        assertEquals(1, receiver.received().size());
        assertEquals(target, new JsonPath(receiver.received().get(0).body()).getString("customer.id"));
    }

    private RequestSpecification customerIo() {
        return RestAssured.given().baseUri(https.toString().replaceAll("/$", "")).port(https.getPort()).relaxedHTTPSValidation()
                .auth().preemptive().basic(Long.toString(ws.id()), ws.ingestKey()).contentType(ContentType.JSON);
    }

    @Test
    void theSameMessageIdTwiceMakesOneRun() {
        JsonPath wf = webhookThenExit(Map.of());
        String user = unique("u");
        String messageId = unique("m");
        signUp(user, messageId, Map.of());
        signUp(user, messageId, Map.of());
        drain();
        assertEquals(1, runs(wf.getLong("id")).size());
        assertEquals(1, receiver.received().size());
    }

    @Test
    void anEnrolmentPropertyKeysOneRunPerValue() {
        JsonPath wf = webhookThenExit(Map.of("enrol_key", Map.of("property", "cartId")));
        String user = unique("u");
        signUp(user, unique("m"), Map.of("cartId", "c1"));
        signUp(user, unique("m"), Map.of("cartId", "c1"));
        signUp(user, unique("m"), Map.of("cartId", "c2"));
        signUp(user, unique("m"), Map.of());
        drain();
        assertEquals(Set.of("property:c1", "property:c2"),
                runs(wf.getLong("id")).stream().map(r -> r.get("enrol_key")).collect(Collectors.toSet()));
    }

    @Test
    void reentryOnceEnrolsACustomerOnce() {
        JsonPath wf = webhookThenExit(Map.of("reentry", "once"));
        String user = unique("u");
        signUp(user, unique("m"), Map.of());
        drain();
        signUp(user, unique("m"), Map.of());
        signUp(unique("other"), unique("m"), Map.of());
        drain();
        assertEquals(2, runs(wf.getLong("id")).size());
        assertEquals(2, receiver.received().size());
    }

    @Test
    void backfilledEventsDoNotTrigger() {
        JsonPath wf = webhookThenExit(Map.of());
        ws.ingest().body(Map.of("event", "signed_up", "timestamp", Instant.now().minus(Duration.ofDays(4)).toString(),
                "properties", Map.of("userId", unique("u")))).post("/ingest/v1/event").then().statusCode(200);
        drain();
        assertEquals(List.of(), runs(wf.getLong("id")));
    }

    @Test
    void aServerErrorIsRetriedWithBackoffUnderTheSameWebhookId() {
        JsonPath wf = webhookThenExit(Map.of());
        receiver.answer(500);
        signUp(unique("u"), unique("m"), Map.of());
        drain();
        long runId = ((Number) runs(wf.getLong("id")).get(0).get("id")).longValue();
        JsonPath waiting = run(runId);
        assertEquals("ready", waiting.getString("state"));
        assertEquals("the receiver answered 500", waiting.getString("last_error"));
        Duration backoff = Duration.between(clock.instant(), Instant.parse(waiting.getString("due_at")));
        assertTrue(backoff.compareTo(Duration.ofSeconds(7)) > 0 && backoff.compareTo(Duration.ofSeconds(13)) < 0,
                "first retry after base ±20 %: " + backoff);
        assertEquals(1, receiver.received().size(), "not retried before the backoff");

        clock.advance(Duration.ofSeconds(13));
        drain();
        assertEquals(2, receiver.received().size());
        assertEquals(receiver.received().get(0).id(), receiver.received().get(1).id());
        JsonPath done = run(runId);
        assertEquals("completed", done.getString("state"));
        assertEquals(List.of("retry", "sent", "completed"), done.getList("steps.outcome"));
    }

    @Test
    void aServerErrorOnEveryAttemptFailsTheRunAfterTheCap() {
        JsonPath wf = webhookThenExit(Map.of());
        receiver.answer(503, 503, 503);
        signUp(unique("u"), unique("m"), Map.of());
        for (int i = 0; i < 3; i++) {
            drain();
            clock.advance(Duration.ofMinutes(2));
        }
        JsonPath failed = run(((Number) runs(wf.getLong("id")).get(0).get("id")).longValue());
        assertEquals("failed", failed.getString("state"));
        assertEquals("the receiver answered 503", failed.getString("last_error"));
        assertEquals(List.of("retry", "retry", "failed"), failed.getList("steps.outcome"));
        assertEquals(3, receiver.received().size());
    }

    @Test
    void aClientErrorFailsTheRunAtOnce() {
        JsonPath wf = webhookThenExit(Map.of());
        receiver.answer(400);
        signUp(unique("u"), unique("m"), Map.of());
        drain();
        clock.advance(Duration.ofHours(2));
        drain();
        JsonPath failed = run(((Number) runs(wf.getLong("id")).get(0).get("id")).longValue());
        assertEquals("failed", failed.getString("state"));
        assertEquals(List.of("failed"), failed.getList("steps.outcome"));
        assertEquals(1, receiver.received().size());
    }

    @Test
    void aFailedRunRetriedByHandSendsAgainWithTheSameWebhookId() {
        JsonPath wf = webhookThenExit(Map.of());
        receiver.answer(400);
        signUp(unique("u"), unique("m"), Map.of());
        drain();
        long runId = ((Number) runs(wf.getLong("id")).get(0).get("id")).longValue();
        assertEquals("failed", run(runId).getString("state"));

        ws.admin().post("/v1/workflow-runs/" + runId + "/retry").then().statusCode(200).body("state", is("ready"));
        drain();
        assertEquals("completed", run(runId).getString("state"));
        assertEquals(2, receiver.received().size());
        assertEquals(receiver.received().get(0).id(), receiver.received().get(1).id());
        ws.admin().post("/v1/workflow-runs/" + runId + "/retry").then().statusCode(409).contentType("application/problem+json");
        ws.admin().post("/v1/workflow-runs/" + Long.MAX_VALUE + "/retry").then().statusCode(404);
    }

    @Test
    void aRunWhoseReplicaDiedIsRescuedAndTheOldLeaseCanNoLongerAdvanceIt() {
        JsonPath wf = webhookThenExit(Map.of());
        signUp(unique("u"), unique("m"), Map.of());
        queue.enrol(clock.instant()).await().atMost(WAIT);
        ClaimedRun lost = queue.claim(clock.instant()).await().atMost(WAIT).stream()
                .filter(run -> run.workflowId() == wf.getLong("id")).findFirst().orElseThrow();
        // The replica that claimed it dies here; within its lease nobody else takes the run.
        drain();
        assertEquals(List.of(), receiver.received());

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        drain();
        assertEquals(1, receiver.received().size());
        assertEquals("completed", run(lost.id()).getString("state"));
        assertFalse(webhooks.run(lost, lost.step()).await().atMost(WAIT), "the old lease sends nothing");
        assertFalse(RunAdvance.apply(pool, lost, RunAdvance.Outcome.fail("late", null), clock.instant()).await().atMost(WAIT));
        assertEquals(1, receiver.received().size());
        assertEquals(List.of("sent", "completed"), run(lost.id()).getList("steps.outcome"));
    }

    @Test
    void racingPollersRunEachStepOnce() {
        int customers = 300;
        JsonPath wf = workflow(Map.of(), List.of(step("wait", "delay", "duration", "PT0S", "next", "hook"),
                step("hook", "webhook", "url", receiver.url(), "next", "done"), step("done", "exit")));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            batch.add(Map.of("event", "signed_up", "properties", Map.of("userId", unique("u"))));
        }
        ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        for (int round = 0; round < 20 && receiver.received().size() < customers; round++) {
            CompletableFuture.allOf(CompletableFuture.runAsync(this::drain), CompletableFuture.runAsync(this::drain),
                    CompletableFuture.runAsync(this::drain)).join();
        }
        drain();
        assertEquals(customers, receiver.received().size(), "one request per run");
        assertEquals(customers, receiver.received().stream().map(WebhookReceiver.Received::id).distinct().count());
        var log = pool.preparedQuery("""
                        SELECT count(*) FILTER (WHERE r.state = 'completed'), count(l.*), count(DISTINCT (l.run_id, l.step_id)),
                               count(*) FILTER (WHERE l.attempt > 1)
                        FROM workflow_runs r JOIN workflow_step_log l ON l.workspace_id = r.workspace_id AND l.run_id = r.id
                        WHERE r.workspace_id = $1""")
                .execute(Tuple.of(ws.id())).await().atMost(WAIT).iterator().next();
        assertEquals(3 * customers, log.getLong(0), "every run completed");
        assertEquals(3 * customers, log.getLong(1), "three steps per run logged");
        assertEquals(3 * customers, log.getLong(2), "each step once");
        assertEquals(0, log.getLong(3), "no step attempted twice");
        long sample = ((Number) runs(wf.getLong("id")).get(0).get("id")).longValue();
        assertEquals(List.of("delayed", "sent", "completed"), run(sample).getList("steps.outcome"));
    }
}

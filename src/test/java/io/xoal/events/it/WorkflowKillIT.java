package io.xoal.events.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILLs the packaged service while a workflow's webhooks are in flight, restarts it next to a
 * second replica, and checks the exactly-once boundary of docs/workflows.md: every run completes,
 * each run's receiver saw one {@code webhook-id} (more than once after the crash), and no step was
 * applied twice. The lease is shorter than the slow receiver's answers, so that after the restart
 * the two live replicas also take runs over from each other and only the lease token decides who
 * records.
 */
class WorkflowKillIT {

    private static final int RUNS = 300;
    private static final int SLOW_EVERY = 40;
    private static final Duration DEADLINE = Duration.ofSeconds(300);
    // Generous: the machine that runs the build may be busy.
    private static final Duration START = Duration.ofSeconds(180);

    @Test
    void everyRunCompletesWithOneDeliveryIdAndEachStepOnceAfterSigkill() throws Exception {
        ItDatabase db = ItDatabase.create();
        Map<String, String> env = new HashMap<>(db.environment(db.port));
        env.put("XOAL_WEBHOOKS_SECRETS_KEY", secretsKey());
        env.put("XOAL_WORKFLOWS_POLL_EVERY", "1s");
        env.put("XOAL_WORKFLOWS_BATCH", "25");
        // Shorter than a slow answer (the fence decides), longer than a fast one (runs progress).
        env.put("XOAL_WORKFLOWS_LEASE", "PT2S");
        env.put("XOAL_WORKFLOWS_WEBHOOK_TIMEOUT", "PT10S");
        env.put("QUARKUS_SHUTDOWN_DELAY_ENABLED", "false");
        try (SlowReceiver receiver = new SlowReceiver(Duration.ofMillis(100), Duration.ofSeconds(4), SLOW_EVERY);
             ServiceProcess first = new ServiceProcess(env);
             ServiceProcess second = new ServiceProcess(env)) {
            first.start(START);
            createWorkflow(first, receiver.url());
            for (int batch = 0; batch < RUNS / 50; batch++) {
                first.ingest().body(signups(batch * 50, 50)).post("/ingest/v1/event").then().statusCode(200);
            }
            // Mid-way, with a slow answer pending: that send can no longer be recorded by anyone.
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
                    .until(() -> receiver.receipts.size() >= RUNS / 3 && receiver.inFlightNow().stream()
                            .anyMatch(id -> receiver.idsByRun.entrySet().stream()
                                    .anyMatch(e -> e.getKey() % SLOW_EVERY == 0 && e.getValue().contains(id))));
            first.kill();
            List<String> cutOff = receiver.inFlightNow();
            int receivedAtKill = receiver.receipts.size();
            assertFalse(cutOff.isEmpty(), "the SIGKILL met sends in flight");

            CompletableFuture.allOf(starting(first), starting(second)).join();
            try (Connection c = db.connect()) {
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                        .until(() -> single(c, "SELECT count(*) FROM workflow_runs WHERE state = 'completed'") == RUNS);
                String summary = "received " + receivedAtKill + " ids before the kill, cut off " + cutOff
                        + "; taken over from a live replica " + receiver.overlapping.get() + " times";
                System.out.println(summary);
                assertEquals(RUNS, single(c, "SELECT count(*) FROM workflow_runs"), summary);
                assertEachStepOnce(c);
                assertOneDeliveryIdPerRun(c, receiver);
                assertTrue(receiver.receivedAtLeast(2).containsAll(cutOff), "a send cut off by the SIGKILL is sent again; " + summary);
                assertTrue(receiver.overlapping.get() > 0, "a run was taken over from a replica still sending it; " + summary);
                assertEquals(RUNS, single(c, "SELECT count(*) FROM customers WHERE 'welcomed' = ANY(tags)"));
                assertEquals(RUNS, single(c, "SELECT count(*) FROM customers WHERE array_length(tags, 1) = 1"));
            }
        }
    }

    /** One log row per run for each step that ran, and one delivery row per run, sent. */
    private static void assertEachStepOnce(Connection c) throws SQLException {
        for (String outcome : List.of("delayed", "sent", "updated", "completed")) {
            assertEquals(RUNS, single(c, "SELECT count(*) FROM workflow_step_log WHERE outcome = '" + outcome + "'"),
                    outcome + " logged once per run");
            assertEquals(RUNS, single(c, "SELECT count(DISTINCT run_id) FROM workflow_step_log WHERE outcome = '" + outcome + "'"));
        }
        assertEquals(0, single(c, "SELECT count(*) FROM workflow_step_log WHERE outcome NOT IN ('delayed', 'sent', 'updated', 'completed')"),
                "no retries or failures: every answer was a 200 within the timeout");
        assertEquals(RUNS, single(c, "SELECT count(*) FROM workflow_deliveries WHERE status = 'sent'"));
        assertEquals(RUNS, single(c, "SELECT count(*) FROM workflow_deliveries"));
    }

    /** The receiver saw exactly one id per run: the run's delivery id. */
    private static void assertOneDeliveryIdPerRun(Connection c, SlowReceiver receiver) throws SQLException {
        Map<Long, Set<String>> expected = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT run_id, id FROM workflow_deliveries")) {
            while (rows.next()) {
                expected.put(rows.getLong(1), Set.of(rows.getString(2)));
            }
        }
        assertEquals(expected, receiver.idsByRun);
    }

    private static CompletableFuture<Void> starting(ServiceProcess service) {
        return CompletableFuture.runAsync(() -> {
            try {
                service.start(START);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void createWorkflow(ServiceProcess service, String url) {
        String steps = """
                [{"id": "wait", "type": "delay", "duration": "PT0S", "next": "hook"},
                 {"id": "hook", "type": "webhook", "url": "%s", "next": "tag"},
                 {"id": "tag", "type": "update", "add_tag": "welcomed", "next": "done"},
                 {"id": "done", "type": "exit"}]""".formatted(url);
        RestAssured.given().baseUri(service.baseUrl()).header("Authorization", "Bearer " + ServiceProcess.ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"welcome\", \"status\": \"active\", \"definition\": {\"trigger\": {\"event\": \"signed_up\"}, "
                        + "\"steps\": " + steps + "}}")
                .post("/v1/workflows").then().statusCode(201);
    }

    private static String signups(int from, int count) {
        List<String> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add("{\"event\": \"signed_up\", \"messageId\": \"signup-" + i + "\", \"properties\": {\"userId\": \"u-" + i + "\"}}");
        }
        return "[" + String.join(",", events) + "]";
    }

    private static String secretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

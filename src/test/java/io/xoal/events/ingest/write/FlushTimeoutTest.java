package io.xoal.events.ingest.write;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flushes that cannot finish in time, and a writer queue that is full: a 503 always means nothing
 * of the request was stored, and no connection is kept by a flush that gave up. The flush is
 * held behind a messageId (or a table lock) that a JDBC session of the test holds uncommitted.
 */
@QuarkusTest
@TestProfile(FlushTimeoutTest.ShortTimeout.class)
class FlushTimeoutTest {

    /** A one-second flush timeout, one flush at a time, a queue of five events and three connections. */
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "xoal.ingest.flush-timeout", "PT1S",
                    "xoal.ingest.max-in-flight", "1",
                    "xoal.ingest.max-queued-events", "5",
                    "quarkus.datasource.reactive.max-size", "3");
        }
    }

    private TestWorkspace ws;
    private Connection held;

    @BeforeEach
    void workspace() throws Exception {
        ws = TestWorkspace.create();
        held = TestDatabase.begin();
    }

    @AfterEach
    void release() throws Exception {
        held.rollback();
        held.close();
    }

    @Test
    void aTimedOutFlushIsRolledBackBeforeA503() throws Exception {
        String user = unique("u");
        holdMessageId("held");
        List<Map<String, Object>> batch = List.of(
                Map.of("event", "no_message_id", "properties", Map.of("userId", user)),
                Map.of("event", "with_message_id", "messageId", "held", "properties", Map.of("userId", user)));

        ws.ingest().body(batch).post("/ingest/v1/event").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());

        // The blocking messageId goes away: a flush that was still running would commit now.
        held.rollback();
        TestDatabase.awaitNoOpenTransaction();
        assertEquals(0, storedEvents(user), "a 503 must mean that nothing was stored");

        // The client retries: each event is stored exactly once.
        ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200).body("accepted", is(2));
        assertEquals(2, storedEvents(user));
    }

    @Test
    void aRejectedItemIsRecordedInTheFlushTransaction() throws Exception {
        String user = unique("u");
        try (Statement lock = held.createStatement()) {
            lock.execute("LOCK TABLE ingest_rejections IN EXCLUSIVE MODE");
        }
        List<Map<String, Object>> batch = List.of(
                Map.of("event", "valid", "properties", Map.of("userId", user)),
                Map.of("properties", Map.of("userId", user)));

        CompletableFuture<Response> reply = CompletableFuture.supplyAsync(
                () -> ws.ingest().body(batch).post("/ingest/v1/event"));

        // The rejection cannot be recorded, so the flush cannot commit: nothing stored, a 503.
        Response response = reply.get(10, TimeUnit.SECONDS);
        assertEquals(503, response.statusCode());
        held.rollback();
        TestDatabase.awaitNoOpenTransaction();
        assertEquals(0, storedEvents(user));
    }

    @Test
    void aFullWriterQueueAnswers503AtOnceAndStoresNothing() throws Exception {
        String blocked = unique("blocked");
        String refused = unique("refused");
        holdMessageId("held");
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> ws.ingest()
                .body(Map.of("event", "e", "messageId", "held", "properties", Map.of("userId", blocked)))
                .post("/ingest/v1/event"));
        TestDatabase.awaitBlockedStatement();

        List<Map<String, Object>> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(Map.of("event", "e", "properties", Map.of("userId", refused)));
        }
        long started = System.nanoTime();
        ws.ingest().body(six).post("/ingest/v1/event").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofMillis(900)) < 0, "a full queue must refuse at once, took " + took);

        held.rollback();
        inFlight.get(10, TimeUnit.SECONDS);
        TestDatabase.awaitNoOpenTransaction();
        assertEquals(0, storedEvents(refused), "a refused request was never queued");
    }

    @Test
    void timedOutFlushesGiveTheirConnectionsBack() throws Exception {
        String user = unique("u");
        for (int i = 0; i < 4; i++) {
            holdMessageId("held-" + i);
        }
        // More timed-out flushes than the pool has connections, while the lock is still held.
        for (int i = 0; i < 4; i++) {
            ws.ingest().body(Map.of("event", "e", "messageId", "held-" + i, "properties", Map.of("userId", user)))
                    .post("/ingest/v1/event").then().statusCode(503);
        }
        ws.ingest().body(Map.of("event", "unrelated", "properties", Map.of("userId", user)))
                .post("/ingest/v1/event").then().statusCode(200).body("accepted", is(1));
        assertEquals(1, storedEvents(user));
    }

    private void holdMessageId(String messageId) throws Exception {
        try (PreparedStatement insert = held.prepareStatement(
                "INSERT INTO message_ids (workspace_id, message_id, received_at, generation)"
                        + " SELECT ?, ?, now(), max(day) FROM message_id_generations")) {
            insert.setLong(1, ws.id());
            insert.setString(2, messageId);
            insert.executeUpdate();
        }
    }

    private long storedEvents(String user) {
        return TestDatabase.number("""
                SELECT count(*) FROM events e JOIN customers c ON c.usid = e.subject_id
                WHERE e.workspace_id = ? AND e.subject_kind = 'customer' AND c.external_id = ?""", ws.id(), user);
    }
}

package io.xoal.events.it;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The connection to PostgreSQL breaks while a flush's COMMIT is pending: the client is told that
 * the outcome is unknown (never the 503 that means "nothing stored"), and a retry with the same
 * messageId is safe. COMMIT is held by a deferred trigger that waits for an advisory lock the
 * test holds, so the break happens exactly then.
 */
class CommitOutcomeIT {

    private static final String HOLD_COMMIT = """
            CREATE FUNCTION hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.message_id LIKE 'hold-%' THEN PERFORM pg_advisory_xact_lock(4242); END IF;
              RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON message_ids
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hold_commit();""";

    @Test
    void aConnectionLostDuringCommitIsAnOutcomeUnknownNotA503() throws Exception {
        ItDatabase db = ItDatabase.create();
        try (TcpProxy proxy = new TcpProxy(db.host, db.port)) {
            proxy.start();
            try (ServiceProcess service = new ServiceProcess(db.environment(proxy.port()));
                 Connection test = db.connect()) {
                service.start();
                try (Statement s = test.createStatement()) {
                    s.execute(HOLD_COMMIT);
                    s.execute("SELECT pg_advisory_lock(4242)");
                }
                CompletableFuture<Response> reply = CompletableFuture.supplyAsync(
                        () -> service.ingest().body(event("hold-1")).post("/ingest/v1/event"));
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingForTheAdvisoryLock(test));

                proxy.cut();
                Response lost = reply.get(10, TimeUnit.SECONDS);
                assertEquals(504, lost.statusCode());
                lost.then().contentType("application/problem+json")
                        .body("type", is("https://xoal.io/problems/outcome-unknown"));

                // PostgreSQL had the COMMIT: it completes once the lock is free, and the retry is a duplicate.
                try (Statement s = test.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(4242)");
                }
                proxy.start();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> service.ingest().body(event("hold-1")).post("/ingest/v1/event").statusCode() == 200);
                service.ingest().body(event("hold-1")).post("/ingest/v1/event")
                        .then().statusCode(200).body("duplicates", is(1));
            }
        }
    }

    private static boolean waitingForTheAdvisoryLock(Connection test) throws Exception {
        try (Statement s = test.createStatement(); ResultSet rows = s.executeQuery("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'""")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private static Map<String, Object> event(String messageId) {
        return Map.of("event", "commit_test", "messageId", messageId, "properties", Map.of("userId", "u1"));
    }
}

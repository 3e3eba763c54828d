package io.xoal.events.ingest.partition;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class DedupWindowTest {

    @Inject
    MessageIdPruneJob prune;

    @Inject
    EventPartitionJob partitions;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @BeforeEach
    void catchUpWithTheCurrentGeneration() {
        // Generations never go back: after a test that moved the clock ahead, the current one may lie in the future.
        LocalDate current = pool.query("SELECT max(day) FROM message_id_generations").execute()
                .map(rows -> rows.iterator().next().getLocalDate(0))
                .await().atMost(Duration.ofSeconds(10));
        long ahead = ChronoUnit.DAYS.between(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), current);
        clock.advance(Duration.ofDays(Math.max(0, ahead)));
        partitions.createAhead().await().atMost(Duration.ofSeconds(60));
        runPrune();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void messageIdReplayedAfter29DaysIsStillADuplicate() {
        TestWorkspace ws = TestWorkspace.create();
        Map<String, Object> event = event(TestWorkspace.unique("m"));
        ws.ingest().body(event).post("/ingest/v1/event").then().body("accepted", is(1));
        // A new generation every day, as the job opens one each midnight.
        for (int day = 1; day <= 29; day++) {
            clock.advance(Duration.ofDays(1));
            runPrune();
        }
        ws.ingest().body(event).post("/ingest/v1/event").then().body("accepted", is(0), "duplicates", is(1));
    }

    @Test
    void pruneForgetsAWholeExpiredDayInOneRun() {
        TestWorkspace ws = TestWorkspace.create();
        int requests = 21;
        for (int r = 0; r < requests; r++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                batch.add(event("m-" + r + "-" + i));
            }
            ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200).body("accepted", is(2500));
        }
        assertEquals(52_500, storedMessageIds(ws));

        clock.advance(Duration.ofDays(1));
        runPrune();
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        runPrune();

        assertEquals(0, storedMessageIds(ws));
        ws.ingest().body(event("m-0-0")).post("/ingest/v1/event").then().body("accepted", is(1));
    }

    @Test
    void sameMessageIdInFlightAcrossTheSwitchToANewDayIsStoredOnce() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        String messageId = TestWorkspace.unique("m");
        // A flush of the old day that has stored the messageId but not committed yet.
        try (HeldTransaction oldDay = HeldTransaction.holding(DedupGenerations.SHARE,
                "INSERT INTO message_ids (workspace_id, message_id, received_at, generation) SELECT " + ws.id()
                        + ", '" + messageId + "', now(), max(day) FROM message_id_generations")) {
            clock.advance(Duration.ofDays(1));
            CompletableFuture<Integer> switched = prune.prune().subscribeAsCompletionStage().toCompletableFuture();
            CompletableFuture<Response> replay = CompletableFuture.supplyAsync(
                    () -> ws.ingest().body(event(messageId)).post("/ingest/v1/event").andReturn());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks() >= 2);
            oldDay.commit();

            await().atMost(Duration.ofSeconds(10)).until(() -> switched.isDone() && replay.isDone());
            switched.get();
            assertEquals(0, (int) replay.get().path("accepted"), replay.get().asString());
            assertEquals(1, (int) replay.get().path("duplicates"));
        }
        assertEquals(1, storedMessageIds(ws));
    }

    private void runPrune() {
        prune.prune().await().atMost(Duration.ofSeconds(30));
    }

    private long storedMessageIds(TestWorkspace ws) {
        return pool.preparedQuery("SELECT count(*) FROM message_ids WHERE workspace_id = $1").execute(Tuple.of(ws.id()))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
    }

    /** Sessions of this database waiting for a lock: the switch and the replay's flush. */
    private long waitingOnLocks() {
        return pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static Map<String, Object> event(String messageId) {
        return Map.of("event", "clicked", "messageId", messageId, "properties", Map.of("userId", "u-" + messageId));
    }
}

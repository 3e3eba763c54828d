package io.xoal.events.ingest.partition;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class EventPartitionsTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    @Inject
    EventPartitionJob job;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void backFilledEventIsAcknowledgedWhileALongReadHoldsEvents() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        String user = TestWorkspace.unique("u");
        Instant fiveYearsAgo = clock.instant().atOffset(ZoneOffset.UTC).minusYears(5).toInstant();
        try (HeldTransaction read = HeldTransaction.holding("SELECT count(*) FROM events")) {
            CompletableFuture<Response> backFilled = send(ws, Map.of("event", "imported", "timestamp", fiveYearsAgo.toString(),
                    "properties", Map.of("userId", user)));
            CompletableFuture<Response> current = send(ws, List.of(
                    Map.of("event", "clicked", "properties", Map.of("userId", user)),
                    Map.of("event", "viewed", "properties", Map.of("userId", user))));

            await().atMost(PROMPTLY).until(() -> backFilled.isDone() && current.isDone());
            assertEquals(1, (int) backFilled.get().path("accepted"), backFilled.get().asString());
            assertEquals(2, (int) current.get().path("accepted"), current.get().asString());
        }
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items", hasSize(3));
    }

    @Test
    void partitionJobRetriesPastAConflictingLockWithoutHoldingUpIngest() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        String user = TestWorkspace.unique("u");
        // A year on, the job has months to create; the event below is dated now, a month that exists.
        Instant now = clock.instant();
        clock.advance(Duration.ofDays(365));
        YearMonth farthest = EventPartitions.monthOf(clock.instant()).plusMonths(2);
        CompletableFuture<Void> created;
        try (HeldTransaction maintenance = HeldTransaction.holding(
                "SELECT count(*) FROM events", "LOCK TABLE events IN SHARE UPDATE EXCLUSIVE MODE")) {
            created = job.createAhead().subscribeAsCompletionStage().toCompletableFuture();

            CompletableFuture<Response> current = send(ws, Map.of("event", "clicked", "timestamp", now.toString(),
                    "properties", Map.of("userId", user)));
            await().atMost(PROMPTLY).until(current::isDone);
            assertEquals(1, (int) current.get().path("accepted"), current.get().asString());
            assertFalse(created.isDone(), "the job cannot attach while the lock is held");
            assertFalse(attached(farthest));
        }
        await().atMost(Duration.ofSeconds(20)).until(created::isDone);
        created.get();
        assertTrue(attached(farthest));
    }

    private boolean attached(YearMonth month) {
        String name = "events_p%d_%02d".formatted(month.getYear(), month.getMonthValue());
        return pool.preparedQuery("""
                        SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'events'::regclass AND c.relname = $1""")
                .execute(Tuple.of(name))
                .map(rows -> rows.iterator().next().getLong(0) == 1)
                .await().atMost(Duration.ofSeconds(5));
    }

    private static CompletableFuture<Response> send(TestWorkspace ws, Object body) {
        return CompletableFuture.supplyAsync(() -> ws.ingest().body(body).post("/ingest/v1/event").andReturn());
    }
}

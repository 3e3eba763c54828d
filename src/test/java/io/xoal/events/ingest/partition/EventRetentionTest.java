package io.xoal.events.ingest.partition;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partition retention: whole event partitions older than {@code event-retention} go, with their days' rollups. */
@QuarkusTest
@TestProfile(EventRetentionTest.TwoYears.class)
class EventRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(730);
    private static final Duration JOB = Duration.ofSeconds(60);

    /** Events are kept 730 days. */
    public static class TwoYears implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xoal.ingest.event-retention", RETENTION.toString());
        }
    }

    @Inject
    EventPartitionJob job;

    @Inject
    TestClock clock;

    private Instant now;

    @BeforeEach
    void freezeClockAndRestorePartitions() {
        now = clock.instant();
        clock.freeze(now);
        // Another test may have run the job with the clock moved on: the months it dropped are accepted again now.
        job.createAhead().await().atMost(JOB);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void dropsPartitionsOlderThanRetentionAndKeepsYoungerOnesWithTheirData() {
        TestWorkspace ws = TestWorkspace.create();
        String user = TestWorkspace.unique("u");
        Instant old = now.minus(Duration.ofDays(700));
        Instant young = now.minus(Duration.ofDays(600));
        ingest(ws, user, old);
        ingest(ws, user, young);
        assertEquals(2, events(ws));
        assertEquals(2, rollupDays(ws));
        assertEquals(2, countedEvents(ws));
        storeAnswerReadingFrom2000(ws);

        // 100 days on, the whole month of the old event lies before now − retention; the young one's does not.
        clock.advance(Duration.ofDays(100));
        job.createAhead().await().atMost(JOB);

        assertFalse(exists(old), "the old event's partition is dropped");
        assertTrue(attached(young), "the young event's partition stays");
        assertEquals(1, events(ws));
        assertEquals(1, rollupDays(ws));
        assertEquals(1, countedEvents(ws), "the hourly counts of the dropped hours go with them");
        assertEquals(0, TestDatabase.number("SELECT count(*) FROM analytics_answers WHERE workspace_id = ?", ws.id()),
                "a stored answer that read the dropped hours goes");
        assertEquals(1, TestDatabase.number("SELECT count(*) FROM subject_event_daily WHERE workspace_id = ? AND day = ?",
                ws.id(), LocalDate.ofInstant(young, ZoneOffset.UTC)));
        assertEquals(0, TestDatabase.number("""
                SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'events'::regclass AND c.relname IN ('events_p2000', 'events_p2000_01')"""),
                "the oldest partitions are gone");

        long partitions = attachedCount();
        job.createAhead().await().atMost(JOB);
        assertEquals(partitions, attachedCount(), "a second run changes nothing");
        assertEquals(1, events(ws));
    }

    @Test
    void rejectsAnEventOlderThanRetentionNamingTheField() {
        TestWorkspace ws = TestWorkspace.create();
        ws.ingest().body(Map.of("event", "imported", "timestamp", now.minus(RETENTION).minusSeconds(60).toString(),
                        "properties", Map.of("userId", TestWorkspace.unique("u"))))
                .post("/ingest/v1/event").then().statusCode(400).body("errors.field", hasItem("/timestamp"));
        ingest(ws, TestWorkspace.unique("u"), now.minus(RETENTION).plusSeconds(60));
    }

    @Test
    void givesWayToAReadOfTheOldPartitionWithoutHoldingUpIngest() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        String user = TestWorkspace.unique("u");
        Instant old = now.minus(Duration.ofDays(700));
        ingest(ws, user, old);
        clock.advance(Duration.ofDays(100));
        CompletableFuture<Void> retained;
        try (HeldTransaction read = HeldTransaction.holding("SELECT count(*) FROM " + partition(old))) {
            retained = job.createAhead().subscribeAsCompletionStage().toCompletableFuture();
            TestDatabase.awaitBlockedStatement();
            ingest(ws, user, clock.instant());
            assertFalse(retained.isDone(), "the drop waits for the reader");
            assertTrue(exists(old));
        }
        await().atMost(JOB).until(retained::isDone);
        retained.get();
        assertFalse(exists(old));
        assertEquals(1, events(ws));
    }

    private static void ingest(TestWorkspace ws, String user, Instant at) {
        Response response = ws.ingest().body(List.of(Map.of("event", "clicked", "timestamp", at.toString(),
                "properties", Map.of("userId", user)))).post("/ingest/v1/event").andReturn();
        assertEquals(Integer.valueOf(1), response.path("accepted"), response.asString());
    }

    private static long events(TestWorkspace ws) {
        return TestDatabase.number("SELECT count(*) FROM events WHERE workspace_id = ?", ws.id());
    }

    /** The events the hourly counts (V20) hold for the workspace. */
    private static long countedEvents(TestWorkspace ws) {
        return TestDatabase.number("SELECT coalesce(sum(delta), 0) FROM event_counts_hourly WHERE workspace_id = ?", ws.id());
    }

    /** A stored analytics answer whose hours start in 2000 (as a first-ever retention cohort's do). */
    private static void storeAnswerReadingFrom2000(TestWorkspace ws) {
        TestDatabase.number("""
                WITH stored AS (
                  INSERT INTO analytics_answers (workspace_id, request_key, names, hours_from, hours_to, snapshot, answer, computed_at)
                  VALUES (?, '\\x01', '{clicked}', '2000-01-01', now(), pg_current_snapshot(), '{}', now()) RETURNING 1)
                SELECT count(*) FROM stored""", ws.id());
    }

    private static long rollupDays(TestWorkspace ws) {
        return TestDatabase.number("SELECT count(*) FROM subject_event_daily WHERE workspace_id = ?", ws.id());
    }

    private static String partition(Instant at) {
        YearMonth month = EventPartitions.monthOf(at);
        return "events_p%d_%02d".formatted(month.getYear(), month.getMonthValue());
    }

    private static boolean exists(Instant at) {
        return TestDatabase.number("SELECT count(*) FROM pg_class WHERE relname = ?", partition(at)) == 1;
    }

    private static boolean attached(Instant at) {
        return TestDatabase.number("""
                SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'events'::regclass AND c.relname = ?""", partition(at)) == 1;
    }

    private static long attachedCount() {
        return TestDatabase.number("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass");
    }
}

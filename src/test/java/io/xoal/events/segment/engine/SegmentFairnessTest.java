package io.xoal.events.segment.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.engine.SegmentFailureIsolationTest.purchase;
import static io.xoal.events.segment.engine.SegmentFailureIsolationTest.segment;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workspace that floods ingest does not delay another workspace's event-driven evaluation
 * beyond the 1-second goal: each workspace's work is claimed and evaluated in its own transaction.
 */
@QuarkusTest
class SegmentFairnessTest {

    /** The flood: bounded, so that the test measures queueing, not a machine saturated by other work. */
    private static final int THREADS = 2;
    private static final int BATCHES = 30;
    private static final int EVENTS = 50;
    /** The goal (docs/architecture.md: visible within a second). */
    private static final Duration GOAL = Duration.ofSeconds(1);

    @Test
    void aWorkspaceFloodingIngestDoesNotDelayAnotherWorkspacesSegments() throws Exception {
        TestWorkspace a = TestWorkspace.create();
        TestWorkspace b = TestWorkspace.create();
        for (int days : new int[]{1, 7, 30, 90, 365}) {
            segment(a, "buyers " + days, Map.of("not", Map.of("performed", Map.of("event", "purchase", "window", Map.of("days", days)))));
        }
        long buyers = segment(b, "buyers", Map.of("performed", Map.of("event", "purchase", "window", Map.of("days", 30))));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger sent = new AtomicInteger();
        List<CompletableFuture<Void>> flood = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            flood.add(CompletableFuture.runAsync(() -> {
                for (int batch = 0; batch < BATCHES; batch++) {
                    List<Map<String, Object>> events = new ArrayList<>();
                    for (int i = 0; i < EVENTS; i++) {
                        events.add(Map.of("event", "purchase", "properties", Map.of("userId", unique("a"))));
                    }
                    a.ingest().body(events).post("/ingest/v1/event").then().statusCode(200);
                    sent.incrementAndGet();
                }
            }, pool));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= THREADS * 3);

        String user = unique("b");
        purchase(b, user);
        long acknowledged = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> Boolean.TRUE.equals(
                b.admin().get("/v1/segments/" + buyers + "/members/" + user).then().extract().jsonPath().get("member")));
        Duration visible = Duration.ofNanos(System.nanoTime() - acknowledged);
        boolean floodStillRunning = sent.get() < THREADS * BATCHES;
        CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        pool.shutdown();

        System.out.printf("fairness: B's member visible %d ms after its 200 (flood still running: %s)%n", visible.toMillis(),
                floodStillRunning);
        assertTrue(floodStillRunning, "the flood ended before B's customer was visible; the test measured nothing");
        assertTrue(visible.compareTo(GOAL) < 0, "B's customer became a member " + visible.toMillis() + " ms after its 200");
    }
}

package io.xoal.events.ingest.write;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ConcurrentDedupTest {

    private static final int SENDERS = 8;

    @Test
    void theSameMessageIdsSentConcurrentlyAreStoredOnce() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        String user = TestWorkspace.unique("u");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Map.of("event", "click", "messageId", user + "-" + i, "properties", Map.of("userId", user)));
        }
        // Every sender is released at once, so the requests meet in the writer (and across its flushes).
        CyclicBarrier start = new CyclicBarrier(SENDERS);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        List<long[]> replies = new ArrayList<>();
        try {
            List<Callable<long[]>> calls = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                calls.add(() -> {
                    start.await();
                    long sent = System.nanoTime();
                    Map<String, Object> reply = ws.ingest().body(batch).post("/ingest/v1/event")
                            .then().statusCode(200).extract().as(Map.class);
                    return new long[]{(Integer) reply.get("accepted"), (Integer) reply.get("duplicates"), sent, System.nanoTime()};
                });
            }
            for (Future<long[]> f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(50, replies.stream().mapToLong(r -> r[0]).sum());
        assertEquals(50 * (SENDERS - 1), replies.stream().mapToLong(r -> r[1]).sum());
        long firstAnswered = replies.stream().mapToLong(r -> r[3]).min().orElseThrow();
        assertTrue(replies.stream().filter(r -> r[2] < firstAnswered).count() >= 2,
                "at least two requests were in flight together");
        ws.admin().get("/v1/customers/" + user + "/events?limit=1000").then().body("items", hasSize(50));
    }
}

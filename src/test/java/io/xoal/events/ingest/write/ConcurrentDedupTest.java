package io.xoal.events.ingest.write;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ConcurrentDedupTest {

    @Test
    void theSameMessageIdsSentConcurrentlyAreStoredOnce() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        String user = TestWorkspace.unique("u");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Map.of("event", "click", "messageId", user + "-" + i, "properties", Map.of("userId", user)));
        }
        int senders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Callable<int[]>> calls = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                calls.add(() -> {
                    Map<String, Object> reply = ws.ingest().body(batch).post("/ingest/v1/event")
                            .then().statusCode(200).extract().as(Map.class);
                    return new int[]{(Integer) reply.get("accepted"), (Integer) reply.get("duplicates")};
                });
            }
            int accepted = 0;
            int duplicates = 0;
            for (Future<int[]> f : pool.invokeAll(calls)) {
                accepted += f.get()[0];
                duplicates += f.get()[1];
            }
            assertEquals(50, accepted);
            assertEquals(50 * (senders - 1), duplicates);
        } finally {
            pool.shutdown();
        }
        ws.admin().get("/v1/customers/" + user + "/events?limit=1000").then().body("items", hasSize(50));
    }
}

package io.xoal.events.ingest.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A track under an anonymous id racing the identify that merges that id: the anonymous customer's
 * row is held from a JDBC session until both flushes wait, so the race happens every run.
 */
@QuarkusTest
class MergeRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestWorkspace ws;
    private IngestClients clients;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
        clients = new IngestClients(ws, null);
    }

    @Test
    void trackQueuedBeforeAMergeOfItsAnonymousIdLandsOnTheMergedCustomer() throws Exception {
        race(true);
    }

    @Test
    void trackQueuedAfterAMergeOfItsAnonymousIdLandsOnTheMergedCustomer() throws Exception {
        race(false);
    }

    private void race(boolean trackFirst) throws Exception {
        String anonymous = unique("anon");
        String user = unique("u");
        track(anonymous, "before");
        try (TestDb holder = TestDb.open(); TestDb probe = TestDb.open()) {
            long anonymousUsid = holder.usidOfAlias(ws.id(), anonymous);
            holder.begin();
            holder.lock("SELECT 1 FROM customers WHERE usid = ? FOR UPDATE", anonymousUsid);
            Runnable merge = () -> clients.segment().body(Map.of("userId", user, "anonymousId", anonymous))
                    .post("/v1/identify").then().statusCode(200);
            Runnable racing = () -> track(anonymous, "racing");
            CompletableFuture<Void> first = CompletableFuture.runAsync(trackFirst ? racing : merge);
            Awaitility.await().atMost(WAIT).until(() -> probe.lockWaiters() >= 1);
            CompletableFuture<Void> second = CompletableFuture.runAsync(trackFirst ? merge : racing);
            // Both flushes are inside their transactions, waiting: the race is on.
            Awaitility.await().atMost(WAIT).until(() -> probe.lockWaiters() >= 2);
            holder.release();
            CompletableFuture.allOf(first, second).get();
            assertEquals(0, probe.number("SELECT count(*) FROM events e WHERE e.workspace_id = ? AND e.subject_kind = 'customer' "
                    + "AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.usid = e.subject_id)", ws.id()), "orphaned events");
        }
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", containsInAnyOrder("before", "racing"));
    }

    private void track(String anonymous, String name) {
        clients.segment().body(Map.of("anonymousId", anonymous, "event", name)).post("/v1/track").then().statusCode(200);
    }
}

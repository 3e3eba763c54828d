package io.xoal.events.ingest.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several merges into one customer, whether they share a flush or race in several, all take effect. */
@QuarkusTest
class MergeFanInTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource(value = "/", tls = true)
    URL https;
    @Inject
    MeterRegistry registry;

    private TestWorkspace ws;
    private IngestClients clients;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
        clients = new IngestClients(ws, https);
    }

    @Test
    void tenConcurrentMergesIntoOneCustomerAllTakeEffect() throws Exception {
        String primary = unique("p");
        List<String> secondaries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        clients.track(primary, "own");
        names.add("own");
        for (int i = 0; i < 10; i++) {
            secondaries.add(unique("s" + i));
            names.add("signed_up_" + i);
            clients.track(secondaries.get(i), "signed_up_" + i);
        }
        ExecutorService senders = Executors.newFixedThreadPool(10);
        try (TestDb holder = TestDb.open(); TestDb probe = TestDb.open()) {
            // The primary's row is held, so the merges pile up behind the in-flight flushes and share flushes.
            holder.begin();
            holder.lock("SELECT 1 FROM customers WHERE usid = ? FOR UPDATE", holder.usidOf(ws.id(), primary));
            long flushesBefore = flushes();
            CyclicBarrier start = new CyclicBarrier(secondaries.size());
            List<Future<?>> sent = new ArrayList<>();
            for (String secondary : secondaries) {
                sent.add(senders.submit(() -> {
                    start.await();
                    clients.merge(primary, secondary);
                    return null;
                }));
            }
            // Both in-flight flushes wait on the primary; the other requests gather behind them.
            Awaitility.await().atMost(WAIT).until(() -> probe.lockWaiters() >= 2);
            holder.release();
            for (Future<?> f : sent) {
                f.get();
            }
            assertTrue(flushes() - flushesBefore < secondaries.size(), "some merges shared a flush");
        } finally {
            senders.shutdownNow();
        }
        for (String secondary : secondaries) {
            ws.admin().get("/v1/customers/" + secondary).then().statusCode(404);
        }
        ws.admin().get("/v1/customers/" + primary + "/events?limit=100").then()
                .body("items.name", containsInAnyOrder(names.toArray()));
    }

    @Test
    void twoIdentifiesLinkingAnonymousIdsToOneUserInOneBatchBothMerge() {
        String user = unique("u");
        String first = unique("a");
        String second = unique("a");
        clients.segment().body(Map.of("anonymousId", first, "event", "viewed_home")).post("/v1/track").then().statusCode(200);
        clients.segment().body(Map.of("anonymousId", second, "event", "viewed_pricing")).post("/v1/track").then().statusCode(200);
        clients.segment().body(Map.of("batch", List.of(
                        Map.of("type", "identify", "userId", user, "anonymousId", first),
                        Map.of("type", "identify", "userId", user, "anonymousId", second))))
                .post("/v1/batch").then().statusCode(200);
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", containsInAnyOrder("viewed_home", "viewed_pricing"));
        // Both anonymous ids now name the user: a later event under either lands on them.
        clients.segment().body(Map.of("anonymousId", first, "event", "came_back")).post("/v1/track").then().statusCode(200);
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items", hasSize(3));
    }

    @Test
    void twoAliasCallsToOneUserInOneBatchBothMerge() {
        String user = unique("u");
        String oldA = unique("old");
        String oldB = unique("old");
        clients.track(oldA, "from_a");
        clients.track(oldB, "from_b");
        clients.segment().body(Map.of("batch", List.of(
                        Map.of("type", "alias", "userId", user, "previousId", oldA),
                        Map.of("type", "alias", "userId", user, "previousId", oldB))))
                .post("/v1/batch").then().statusCode(200);
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", containsInAnyOrder("from_a", "from_b"));
        ws.admin().get("/v1/customers/" + oldA).then().statusCode(404);
        ws.admin().get("/v1/customers/" + oldB).then().statusCode(404);
    }

    @Test
    void chainedMergesInOneBatchEndOnTheLastCustomer() {
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        clients.track(a, "from_a");
        clients.track(b, "from_b");
        clients.track(c, "from_c");
        clients.customerIo().body(Map.of("batch", List.of(
                        Map.of("type", "person", "action", "merge", "primary", Map.of("id", b), "secondary", Map.of("id", a)),
                        Map.of("type", "person", "action", "merge", "primary", Map.of("id", c), "secondary", Map.of("id", b)))))
                .post("/api/v2/batch").then().statusCode(200);
        ws.admin().get("/v1/customers/" + c + "/events").then().body("items.name", containsInAnyOrder("from_a", "from_b", "from_c"));
        ws.admin().get("/v1/customers/" + a).then().statusCode(404);
        ws.admin().get("/v1/customers/" + b).then().statusCode(404);
    }

    private long flushes() {
        return registry.get("xoal.ingest.flush.events").summary().count();
    }
}

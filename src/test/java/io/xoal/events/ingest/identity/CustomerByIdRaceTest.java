package io.xoal.events.ingest.identity;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A track for a customer id races the merge that takes the id away: the customer's row is held
 * from a JDBC session of the test until both flushes wait for it, so the race happens every run.
 */
@QuarkusTest
class CustomerByIdRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    private TestWorkspace ws;
    private IngestClients clients;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
        clients = new IngestClients(ws, https);
    }

    @Test
    void trackQueuedBeforeAMergeOfItsIdLandsOnTheMergedCustomer() throws Exception {
        race(true);
    }

    @Test
    void trackQueuedAfterAMergeOfItsIdLandsOnTheMergedCustomer() throws Exception {
        race(false);
    }

    private void race(boolean trackFirst) throws Exception {
        String source = unique("src");
        String target = unique("dst");
        clients.track(source, "before");
        clients.track(target, "other");
        try (TestDb holder = TestDb.open(); TestDb probe = TestDb.open()) {
            long sourceUsid = holder.usidOf(ws.id(), source);
            holder.begin();
            holder.lock("SELECT 1 FROM customers WHERE usid = ? FOR UPDATE", sourceUsid);
            Runnable merge = () -> clients.merge(target, source);
            Runnable racing = () -> clients.track(source, "racing");
            CompletableFuture<Void> first = CompletableFuture.runAsync(trackFirst ? racing : merge);
            Awaitility.await().atMost(WAIT).until(() -> probe.lockWaiters() >= 1);
            CompletableFuture<Void> second = CompletableFuture.runAsync(trackFirst ? merge : racing);
            Awaitility.await().atMost(WAIT).until(() -> probe.lockWaiters() >= 2);
            holder.release();
            CompletableFuture.allOf(first, second).get();
            assertEquals(0, probe.number("SELECT count(*) FROM customers WHERE workspace_id = ? AND external_id = ?", ws.id(), source),
                    "the merged id was not re-created as an empty profile");
            assertEquals(0, probe.number("SELECT count(*) FROM events e WHERE e.workspace_id = ? AND e.subject_kind = 'customer' "
                    + "AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.usid = e.subject_id)", ws.id()), "orphaned events");
        }
        ws.admin().get("/v1/customers/" + target + "/events").then()
                .body("items.name", containsInAnyOrder("before", "other", "racing"));
    }
}

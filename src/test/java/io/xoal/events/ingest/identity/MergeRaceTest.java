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
 * A track racing the merge that takes its customer away — an anonymous id merged by an identify,
 * or a customer id merged by Customer.io's merge_customers: the source customer's row is held from
 * a JDBC session until both flushes wait, so the race happens every run.
 */
@QuarkusTest
class MergeRaceTest {

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
    void trackQueuedBeforeAMergeOfItsAnonymousIdLandsOnTheMergedCustomer() throws Exception {
        anonymousRace(true);
    }

    @Test
    void trackQueuedAfterAMergeOfItsAnonymousIdLandsOnTheMergedCustomer() throws Exception {
        anonymousRace(false);
    }

    @Test
    void trackQueuedBeforeAMergeOfItsIdLandsOnTheMergedCustomer() throws Exception {
        idRace(true);
    }

    /** The merged id is not re-created as an empty profile by the upsert that waited for its row. */
    @Test
    void trackQueuedAfterAMergeOfItsIdLandsOnTheMergedCustomer() throws Exception {
        idRace(false);
    }

    private void anonymousRace(boolean trackFirst) throws Exception {
        String anonymous = unique("anon");
        String user = unique("u");
        trackAnonymous(anonymous, "before");
        long source;
        try (TestDb db = TestDb.open()) {
            source = db.usidOfAlias(ws.id(), anonymous);
        }
        race(trackFirst, source,
                () -> clients.segment().body(Map.of("userId", user, "anonymousId", anonymous)).post("/v1/identify").then().statusCode(200),
                () -> trackAnonymous(anonymous, "racing"));
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", containsInAnyOrder("before", "racing"));
    }

    private void idRace(boolean trackFirst) throws Exception {
        String source = unique("src");
        String target = unique("dst");
        clients.track(source, "before");
        clients.track(target, "other");
        long sourceUsid;
        try (TestDb db = TestDb.open()) {
            sourceUsid = db.usidOf(ws.id(), source);
        }
        race(trackFirst, sourceUsid, () -> clients.merge(target, source), () -> clients.track(source, "racing"));
        try (TestDb probe = TestDb.open()) {
            assertEquals(0, probe.number("SELECT count(*) FROM customers WHERE workspace_id = ? AND external_id = ?", ws.id(), source),
                    "the merged id was not re-created as an empty profile");
        }
        ws.admin().get("/v1/customers/" + target + "/events").then()
                .body("items.name", containsInAnyOrder("before", "other", "racing"));
    }

    /** Runs the merge and the track with the source's row held until both wait, the first-named first in line. */
    private void race(boolean trackFirst, long sourceUsid, Runnable merge, Runnable racing) throws Exception {
        try (TestDb holder = TestDb.open(); TestDb probe = TestDb.open()) {
            holder.begin();
            holder.lock("SELECT 1 FROM customers WHERE usid = ? FOR UPDATE", sourceUsid);
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
    }

    private void trackAnonymous(String anonymous, String name) {
        clients.segment().body(Map.of("anonymousId", anonymous, "event", name)).post("/v1/track").then().statusCode(200);
    }
}

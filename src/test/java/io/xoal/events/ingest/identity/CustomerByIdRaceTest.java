package io.xoal.events.ingest.identity;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A track for a customer id meets another writer of that customer's row, which a JDBC session
 * of the test holds until the flush waits for it: a merge that takes the id away, or a
 * writer of the same row (a concurrent flush's activity).
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

    /** The flush waits for the row only once its events are written, and keeps the later activity. */
    @Test
    void aFlushWaitsForABusyCustomerOnlyToRecordTheirActivity() throws Exception {
        String user = unique("u");
        clients.track(user, "before");
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0);
        try (TestDb holder = TestDb.open(); TestDb probe = TestDb.open()) {
            long usid = holder.usidOf(ws.id(), user);
            holder.begin();
            holder.lock("SELECT 1 FROM customers WHERE usid = ? FOR NO KEY UPDATE", usid);
            CompletableFuture<Void> racing = CompletableFuture.runAsync(() -> clients.track(user, "racing"));
            Awaitility.await().atMost(WAIT).until(() -> probe.lockWaiters() >= 1);
            assertEquals(1, probe.number("""
                    SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid JOIN pg_class r ON r.oid = l.relation
                    WHERE a.datname = current_database() AND a.wait_event_type = 'Lock'
                      AND r.relname = 'subject_event_daily' AND l.mode = 'RowExclusiveLock'"""),
                    "the waiting flush has written its events and their rollup");
            holder.lock("UPDATE customers SET last_active = ? WHERE usid = ? RETURNING 1", later, usid);
            holder.release();
            racing.get();
            assertEquals(later.toEpochSecond(), probe.number(
                    "SELECT extract(epoch FROM last_active)::bigint FROM customers WHERE usid = ?", usid), "the later activity stays");
        }
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", containsInAnyOrder("before", "racing"));
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

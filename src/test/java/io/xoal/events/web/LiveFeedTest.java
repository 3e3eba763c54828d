package io.xoal.events.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live Events tab's stream over real HTTP: an event whose transaction commits after a later
 * id's is still delivered, and every event exactly once, though each poll re-reads a look-back.
 */
@QuarkusTest
class LiveFeedTest {

    private static final Pattern ROW_ID = Pattern.compile("data-id=\"(\\d+)\"");

    @TestHTTPResource("/")
    URL root;

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void anEventCommittedAfterALaterIdIsDeliveredAndEachEventOnce() throws Exception {
        String customer = unique("u");
        ingest(customer, "first");
        long first = ((Number) ws.admin().get("/v1/events").then().extract().path("items[0].id")).longValue();
        DashboardSession session = DashboardSession.signIn(ws.adminKey());

        List<Long> delivered = new CopyOnWriteArrayList<>();
        CompletableFuture<?> stream = open(session, first, delivered);
        try (Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            long late = insertUncommitted(db, customer);
            ingest(customer, "early_commit");
            long early = ((Number) ws.admin().get("/v1/events?name=early_commit").then().extract().path("items[0].id")).longValue();
            assertTrue(early > late, "the HTTP event took a later id than the open transaction's");
            await().atMost(Duration.ofSeconds(3)).until(() -> delivered.contains(early));
            // The open transaction outlives several polls (every 250 ms) that already read past its id.
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertTrue(!delivered.contains(late));

            db.commit();
            await().atMost(Duration.ofSeconds(3)).until(() -> delivered.contains(late));
            // Several more polls re-read both rows within the look-back: neither comes again.
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertEquals(List.of(early, late), delivered, "each event once, in the order they committed; not the first, which the page showed");
        } finally {
            stream.cancel(true);
        }
    }

    private CompletableFuture<?> open(DashboardSession session, long after, List<Long> delivered) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "events/stream?after=" + after))
                .header("Cookie", SessionFilter.COOKIE + "=" + session.cookie())
                .header("Accept", "text/event-stream")
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    assertEquals(200, response.statusCode());
                    response.body().forEach(line -> {
                        Matcher m = ROW_ID.matcher(line);
                        if (line.startsWith("data:") && m.find()) {
                            delivered.add(Long.parseLong(m.group(1)));
                        }
                    });
                });
    }

    /** An event written in a transaction left open: it holds its id but is not visible yet. */
    private long insertUncommitted(Connection db, String customer) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO events (workspace_id, occurred_at, received_at, message_id, name, subject_kind, subject_id, properties, source)
                SELECT workspace_id, now(), now(), gen_random_uuid()::text, 'late_commit', 'customer', usid, '{}', 'api'
                FROM customers WHERE workspace_id = ? AND external_id = ? RETURNING id""")) {
            insert.setLong(1, ws.id());
            insert.setString(2, customer);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void ingest(String customer, String name) {
        ws.ingest().body(Map.of("event", name, "properties", Map.of("userId", customer)))
                .post("/ingest/v1/event").then().statusCode(200);
    }
}

package io.xoal.events.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills the service with SIGKILL while clients send, restarts it, and checks every acknowledged event. */
class CrashRecoveryIT {

    private static final int SENDERS = 6;
    private static final int BATCH = 20;

    @Test
    void everyAcknowledgedMessageIdIsStoredExactlyOnceAfterSigkill() throws Exception {
        ItDatabase db = ItDatabase.create();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        try (ServiceProcess service = new ServiceProcess(db.environment(db.port))) {
            service.start();
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(SENDERS);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                clients.submit(() -> send(http, service, sender, sending, sent, acknowledged));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 2_000);
            service.kill();
            sending.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));

            service.start();
            Map<String, Integer> stored = storedCounts(db);
            for (String id : acknowledged) {
                assertEquals(1, stored.getOrDefault(id, 0), "acknowledged " + id + " must be stored exactly once");
            }
            stored.forEach((id, n) -> assertEquals(1, n, id + " stored more than once"));

            // A client retries what was never acknowledged: afterwards everything sent is there once.
            List<String> unacknowledged = sent.stream().filter(id -> !acknowledged.contains(id)).toList();
            for (String id : unacknowledged) {
                service.ingest().body(event(id)).post("/ingest/v1/event").then().statusCode(200);
            }
            Map<String, Integer> after = storedCounts(db);
            assertEquals(sent.size(), after.size());
            after.forEach((id, n) -> assertEquals(1, n, id + " stored more than once after retry"));
        }
    }

    private static void send(HttpClient http, ServiceProcess service, int sender, AtomicBoolean sending,
                             Set<String> sent, Set<String> acknowledged) {
        int request = 0;
        while (sending.get()) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                String id = "s" + sender + "-r" + request + "-" + i;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append(event(id));
            }
            request++;
            sent.addAll(ids);
            try {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/ingest/v1/event"))
                                .header("Authorization", "Bearer " + ServiceProcess.INGEST_KEY)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200) {
                    acknowledged.addAll(ids);
                }
            } catch (Exception e) {
                // The service died under this request: its events are neither acknowledged nor lost.
            }
        }
    }

    private static String event(String messageId) {
        return "{\"event\":\"crash_test\",\"messageId\":\"" + messageId + "\",\"properties\":{\"userId\":\"u-"
                + messageId.hashCode() % 50 + "\",\"customData\":{\"n\":1}}}";
    }

    private static Map<String, Integer> storedCounts(ItDatabase db) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT message_id, count(*) FROM events WHERE name = 'crash_test' GROUP BY message_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}

package io.xoal.events.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Map<Integer, List<String>> inFlight = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        try (ServiceProcess service = new ServiceProcess(db.environment(db.port))) {
            service.start();
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(SENDERS);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                clients.submit(() -> send(http, service, new Sender(sender, sending, sent, inFlight, acknowledged, unexpected)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 2_000 && !inFlight.isEmpty());
            Set<String> inFlightAtKill = new HashSet<>();
            inFlight.values().forEach(inFlightAtKill::addAll);
            // New requests stop first, so that only the ones in flight meet the SIGKILL.
            sending.set(false);
            service.kill();
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(List.of(), unexpected, "while the service ran, every request was answered 200");
            assertFalse(inFlightAtKill.stream().allMatch(acknowledged::contains),
                    "SIGKILL interrupted at least one request before its reply");

            service.start();
            Map<String, Integer> stored = db.storedCounts("crash_test");
            for (String id : acknowledged) {
                assertEquals(1, stored.getOrDefault(id, 0), "acknowledged " + id + " must be stored exactly once");
            }
            stored.forEach((id, n) -> assertEquals(1, n, id + " stored more than once"));

            // A client retries what was never acknowledged: afterwards everything sent is there once.
            List<String> unacknowledged = sent.stream().filter(id -> !acknowledged.contains(id)).toList();
            for (String id : unacknowledged) {
                service.ingest().body(event(id)).post("/ingest/v1/event").then().statusCode(200);
            }
            Map<String, Integer> after = db.storedCounts("crash_test");
            assertEquals(sent.size(), after.size());
            after.forEach((id, n) -> assertEquals(1, n, id + " stored more than once after retry"));
        }
    }

    private static void send(HttpClient http, ServiceProcess service, Sender sender) {
        int request = 0;
        while (sender.sending().get()) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                String id = "s" + sender.id() + "-r" + request + "-" + i;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append(event(id));
            }
            request++;
            sender.sent().addAll(ids);
            sender.inFlight().put(sender.id(), ids);
            try {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/ingest/v1/event"))
                                .header("Authorization", "Bearer " + ServiceProcess.INGEST_KEY)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200) {
                    sender.acknowledged().addAll(ids);
                } else {
                    sender.unexpected().add(reply.statusCode() + " " + reply.body());
                }
            } catch (IOException e) {
                // The connection died with the service: these events are neither acknowledged nor lost.
                if (sender.sending().get()) {
                    sender.unexpected().add("connection failed while the service ran: " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                sender.inFlight().remove(sender.id());
            }
        }
    }

    /** One client thread's view: what it sent, what is in flight, what was acknowledged, what went wrong. */
    private record Sender(int id, AtomicBoolean sending, Set<String> sent, Map<Integer, List<String>> inFlight,
                          Set<String> acknowledged, List<String> unexpected) {
    }

    private static String event(String messageId) {
        return "{\"event\":\"crash_test\",\"messageId\":\"" + messageId + "\",\"properties\":{\"userId\":\"u-"
                + messageId.hashCode() % 50 + "\",\"customData\":{\"n\":1}}}";
    }
}

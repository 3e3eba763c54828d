package io.xoal.events.it;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest through several replicas at once: each lane of messageIds is sent by three client threads through three
 * different replicas (Xoal batches, Segment batches, single Segment tracks), so every messageId arrives at least twice,
 * concurrently, on different replicas; and each lane's customers change plan every round, each identify through
 * another replica, so that every replica evaluates the same segments at the same time. A message's content follows from its id, so a replay is the same event.
 */
final class ReplicaTraffic {

    static final int CUSTOMERS = 80;
    static final int PER_LANE = 800;
    static final int IDENTIFY_ROUNDS = 6;
    private static final int BATCH = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ServiceProcess> replicas;
    private final Instant now;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService clients = Executors.newFixedThreadPool(12);
    final AtomicInteger acknowledged = new AtomicInteger();
    final List<String> unexpected = new CopyOnWriteArrayList<>();

    ReplicaTraffic(List<ServiceProcess> replicas, Instant now) {
        this.replicas = replicas;
        this.now = now;
    }

    void start() {
        for (int lane = 0; lane < replicas.size(); lane++) {
            int l = lane;
            clients.submit(() -> xoalBatches(replicas.get(l), l));
            clients.submit(() -> segmentBatches(replicas.get((l + 1) % replicas.size()), l));
            clients.submit(() -> singleTracks(replicas.get((l + 2) % replicas.size()), l));
            clients.submit(() -> identifies(l));
        }
    }

    void awaitDone(Duration timeout) throws InterruptedException {
        clients.shutdown();
        if (!clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            clients.shutdownNow();
            throw new IllegalStateException("The clients did not finish within " + timeout);
        }
    }

    /** The plan customer {@code customer} is moved to in round {@code round}. */
    static String plan(int customer, int round) {
        return (customer + round) % 2 == 0 ? "pro" : "free";
    }

    private void xoalBatches(ServiceProcess replica, int lane) {
        for (int from = 0; from < PER_LANE; from += BATCH) {
            StringBuilder body = new StringBuilder("[");
            for (int k = from; k < from + BATCH; k++) {
                Message m = message(lane, k);
                body.append(k == from ? "" : ",").append("""
                        {"event":"%s","messageId":"%s","timestamp":"%s","properties":{"userId":"%s","customData":{"amount":%d}}}"""
                        .formatted(m.name(), m.id(), m.at(), m.customer(), m.amount()));
            }
            post(replica, "/ingest/v1/event", body.append(']').toString());
        }
    }

    private void segmentBatches(ServiceProcess replica, int lane) {
        for (int from = 0; from < PER_LANE; from += BATCH) {
            StringBuilder body = new StringBuilder("{\"batch\":[");
            for (int k = from; k < from + BATCH; k++) {
                body.append(k == from ? "" : ",").append(segmentTrack(message(lane, k)));
            }
            post(replica, "/v1/batch", body.append("]}").toString());
        }
    }

    /** Every fifth message of the lane, last first, so that they meet the batches half-way. */
    private void singleTracks(ServiceProcess replica, int lane) {
        for (int k = PER_LANE - 1; k >= 0; k -= 5) {
            post(replica, "/v1/track", segmentTrack(message(lane, k)));
        }
    }

    /** The customers of one lane, each moved to the other plan every round, through another replica each time. */
    private void identifies(int lane) {
        for (int round = 0; round < IDENTIFY_ROUNDS; round++) {
            for (int c = lane; c < CUSTOMERS; c += replicas.size()) {
                post(replicas.get((c + round) % replicas.size()), "/v1/identify", """
                        {"userId":"u%d","messageId":"identify-%d-%d","traits":{"plan":"%s"}}"""
                        .formatted(c, round, c, plan(c, round)));
            }
        }
    }

    private static String segmentTrack(Message m) {
        return """
                {"type":"track","event":"%s","messageId":"%s","timestamp":"%s","userId":"%s","properties":{"amount":%d}}"""
                .formatted(m.name(), m.id(), m.at(), m.customer(), m.amount());
    }

    /** Purchases and page views of every customer, 1 to 49 days old but never near the 30-day boundary. */
    private Message message(int lane, int k) {
        int n = lane * PER_LANE + k;
        int days = 1 + (n * 7) % 49;
        if (days >= 28 && days <= 32) {
            days += 6;
        }
        return new Message("m" + lane + "-" + k, n % 3 == 0 ? "page_viewed" : "purchase", "u" + (n * 13) % CUSTOMERS,
                (n * 37) % 100, now.minus(Duration.ofDays(days)).minus(Duration.ofHours(3)));
    }

    private void post(ServiceProcess replica, String path, String body) {
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                            .header("Authorization", "Bearer " + ServiceProcess.INGEST_KEY)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 200 && JSON.readTree(reply.body()).path("rejected").isEmpty()) {
                acknowledged.incrementAndGet();
            } else {
                unexpected.add(path + " " + reply.statusCode() + " " + reply.body());
            }
        } catch (IOException e) {
            unexpected.add(path + " " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Message(String id, String name, String customer, int amount, Instant at) {
    }

    /** The messageIds of the events the clients send, whatever the order they are sent in. */
    static List<String> planned(int lanes) {
        List<String> ids = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            for (int k = 0; k < PER_LANE; k++) {
                ids.add("m" + lane + "-" + k);
            }
        }
        return ids;
    }
}

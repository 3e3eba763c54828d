package io.xoal.events.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver in the test JVM that answers 200 slowly, so that sends are in flight when a
 * replica dies: {@code fast} for most requests, {@code slow} for the first receipt of every
 * {@code slowEvery}-th run's webhook. It keeps, per run, every {@code webhook-id} it received and
 * how often; which ids are in flight (received, not yet answered); and how often an id arrived
 * again while an earlier receipt of it was still unanswered (a run taken over from a live replica).
 */
final class SlowReceiver implements AutoCloseable {

    private static final Pattern RUN_ID = Pattern.compile("\"run_id\":(\\d+)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64);
    private final Duration fast;
    private final Duration slow;
    private final int slowEvery;
    final Map<Long, Set<String>> idsByRun = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final AtomicInteger overlapping = new AtomicInteger();

    SlowReceiver(Duration fast, Duration slow, int slowEvery) throws IOException {
        this.fast = fast;
        this.slow = slow;
        this.slowEvery = slowEvery;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(threads);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The ids received at least {@code times} times. */
    Set<String> receivedAtLeast(int times) {
        return Set.copyOf(receipts.entrySet().stream().filter(e -> e.getValue().get() >= times).map(Map.Entry::getKey).toList());
    }

    /** The ids whose request has arrived and not been answered yet. */
    List<String> inFlightNow() {
        return inFlight.entrySet().stream().filter(e -> e.getValue().get() > 0).map(Map.Entry::getKey).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        Matcher run = RUN_ID.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (id == null || !run.find()) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        long runId = Long.parseLong(run.group(1));
        idsByRun.computeIfAbsent(runId, r -> ConcurrentHashMap.newKeySet()).add(id);
        boolean first = receipts.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet() == 1;
        if (inFlight.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet() > 1) {
            overlapping.incrementAndGet();
        }
        try {
            LockSupport.parkNanos((first && runId % slowEvery == 0 ? slow : fast).toNanos());
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            // The sender died while we waited: it never sees this answer.
        } finally {
            inFlight.get(id).decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

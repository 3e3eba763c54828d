package io.xoal.events.it;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL goes away under a running service: fast 503 + Retry-After, then recovery on its own. */
class DatabaseOutageIT {

    @Test
    void failsFastWith503WhilePostgresIsDownAndRecoversByItself() throws Exception {
        ItDatabase db = ItDatabase.create();
        try (TcpProxy proxy = new TcpProxy(db.host, db.port)) {
            proxy.start();
            try (ServiceProcess service = new ServiceProcess(db.environment(proxy.port()))) {
                service.start();
                service.ingest().body(event("before")).post("/ingest/v1/event").then().statusCode(200);

                proxy.cut();
                long started = System.nanoTime();
                Response down = service.ingest().body(event("during")).post("/ingest/v1/event");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertEquals(503, down.statusCode());
                assertEquals("application/problem+json", down.contentType());
                down.then().header("Retry-After", notNullValue());
                assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "503 must come fast, took " + took);

                proxy.start();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> service.ingest().body(event("during")).post("/ingest/v1/event").statusCode() == 200);
                service.ingest().body(event("during")).post("/ingest/v1/event")
                        .then().statusCode(200).body("duplicates", is(1));
            }
        }
    }

    private static Map<String, Object> event(String messageId) {
        return Map.of("event", "outage_test", "messageId", messageId, "properties", Map.of("userId", "u1"));
    }
}

package io.xoal.events.ingest.segment;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official Segment Java SDK (analytics-java), pointed at this service, stores its calls. */
@QuarkusTest
class SegmentJavaClientTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void theOfficialJavaSdkIdentifiesTracksAndGroupsHere() throws InterruptedException {
        TestWorkspace ws = TestWorkspace.create();
        String user = unique("u");
        String company = unique("co");
        CountDownLatch done = new CountDownLatch(4);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Analytics analytics = Analytics.builder(ws.ingestKey())
                .endpoint(server.toString())
                .flushQueueSize(10)
                .retries(1)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        done.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(throwable);
                        done.countDown();
                    }
                })
                .build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId(user)
                    .traits(Map.of("email", "grace@example.com", "name", "Grace Hopper", "plan", "enterprise")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(user)
                    .messageId("java-sdk-" + user).properties(Map.of("revenue", 99, "currency", "EUR")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(user)
                    .messageId("java-sdk-" + user).properties(Map.of("revenue", 99, "currency", "EUR")));
            analytics.enqueue(GroupMessage.builder(company).userId(user).traits(Map.of("name", "Navy")));
            analytics.flush();
            assertTrue(done.await(30, TimeUnit.SECONDS), "the SDK reported every message");
        } finally {
            analytics.shutdown();
        }
        assertEquals(0, failures.size(), "the SDK saw failures: " + failures);

        ws.admin().get("/v1/customers/" + user).then().statusCode(200)
                .body("email", is("grace@example.com"))
                .body("first_name", is("Grace"))
                .body("last_name", is("Hopper"))
                .body("attributes.plan", is("enterprise"));
        // The SDK sent the same messageId twice: stored once.
        ws.admin().get("/v1/customers/" + user + "/events").then()
                .body("items", hasSize(1))
                .body("items[0].name", is("Order Completed"))
                .body("items[0].properties.revenue", is(99))
                .body("items[0].properties.context.library.name", is("analytics-java"));
        ws.admin().get("/v1/companies/" + company + "/customers").then().body("items.id", hasItem(user));
    }
}

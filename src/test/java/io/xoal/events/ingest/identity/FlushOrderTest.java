package io.xoal.events.ingest.identity;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** Messages that share a flush take effect in the order they were sent. */
@QuarkusTest
class FlushOrderTest {

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
    void anEventAfterADeleteInOneFlushRecreatesTheCustomerWithThatEvent() {
        String user = unique("u");
        clients.track(user, "before_delete");
        clients.customerIo().body(Map.of("batch", List.of(
                        Map.of("type", "person", "action", "delete", "identifiers", Map.of("id", user)),
                        Map.of("type", "person", "action", "event", "identifiers", Map.of("id", user), "name", "after_delete"))))
                .post("/api/v2/batch").then().statusCode(200).body("accepted", is(2));
        ws.admin().get("/v1/customers/" + user).then().statusCode(200);
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", contains("after_delete"));
    }

    @Test
    void aDeleteAfterAnEventInOneFlushRemovesBoth() {
        String user = unique("u");
        clients.customerIo().body(Map.of("batch", List.of(
                        Map.of("type", "person", "action", "event", "identifiers", Map.of("id", user), "name", "before_delete"),
                        Map.of("type", "person", "action", "delete", "identifiers", Map.of("id", user)))))
                .post("/api/v2/batch").then().statusCode(200).body("accepted", is(2));
        ws.admin().get("/v1/customers/" + user).then().statusCode(404);
    }

    @Test
    void aTraitAfterADeleteInOneFlushIsKeptOnTheRecreatedCustomer() {
        String user = unique("u");
        clients.customerIo().body(Map.of("plan", "old")).put("/api/v1/customers/" + user).then().statusCode(200);
        clients.customerIo().body(Map.of("batch", List.of(
                        Map.of("type", "person", "action", "delete", "identifiers", Map.of("id", user)),
                        Map.of("type", "person", "action", "identify", "identifiers", Map.of("id", user),
                                "attributes", Map.of("color", "blue")))))
                .post("/api/v2/batch").then().statusCode(200).body("accepted", is(2));
        ws.admin().get("/v1/customers/" + user).then().statusCode(200)
                .body("attributes.color", is("blue"))
                .body("attributes.plan", is((Object) null));
    }
}

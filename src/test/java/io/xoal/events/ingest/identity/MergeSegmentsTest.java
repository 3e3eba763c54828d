package io.xoal.events.ingest.identity;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Segments follow merges and deletes: the merged customer is evaluated for the events it
 * received, and a customer that ceases to exist leaves its segments through the ledger, so that
 * past-time answers never count it afterwards.
 */
@QuarkusTest
class MergeSegmentsTest {

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
    void aMergedCustomerEntersPerformedSegmentsWithTheMovedEventsAndTheSourceLeavesThroughTheLedger() throws Exception {
        long buyers = segment(Map.of("performed", Map.of("event", "purchase")));
        String primary = unique("p");
        String secondary = unique("s");
        clients.track(primary, "login");
        clients.track(secondary, "purchase");
        awaitMember(buyers, secondary);
        long source;
        try (TestDb db = TestDb.open()) {
            source = db.usidOf(ws.id(), secondary);
        }

        clients.merge(primary, secondary);

        awaitMember(buyers, primary);
        JsonPath left = ws.admin().get("/v1/segments/" + buyers + "/transitions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(false), left.getList("items.findAll { it.usid == " + source + " && !it.entered }.entered"));
        assertEquals(List.of("merged into " + primary),
                left.getList("items.findAll { it.usid == " + source + " && !it.entered }.cause"));
        assertNoGhosts(buyers, List.of(primary));
    }

    @Test
    void deletedCustomersLeaveTheirSegmentsThroughTheLedger() {
        long buyers = segment(Map.of("performed", Map.of("event", "purchase")));
        String viaIngest = unique("cio");
        String viaAdmin = unique("adm");
        String stays = unique("stays");
        for (String user : List.of(viaIngest, viaAdmin, stays)) {
            clients.track(user, "purchase");
            awaitMember(buyers, user);
        }

        clients.customerIo().delete("/api/v1/customers/" + viaIngest).then().statusCode(200);
        ws.admin().delete("/v1/customers/" + viaAdmin).then().statusCode(204);

        ws.admin().get("/v1/segments/" + buyers + "/transitions").then()
                .body("items.findAll { !it.entered }.cause", contains("deleted", "deleted"));
        assertNoGhosts(buyers, List.of(stays));
    }

    /** Now, at a later instant and over time, the segment holds exactly {@code members}. */
    private void assertNoGhosts(long segment, List<String> members) {
        Instant later = Instant.now().plusSeconds(1);
        ws.admin().get("/v1/segments/" + segment + "/members").then().body("items.id", is(members));
        ws.admin().get("/v1/segments/" + segment + "/members?at=" + later).then().body("items.id", is(members));
        ws.admin().get("/v1/segments/" + segment + "/members/count?at=" + later).then().body("count", is(members.size()));
        ws.admin().get("/v1/segments/" + segment + "/members/count").then().body("count", is(members.size()));
        List<Integer> sizes = ws.admin().get("/v1/segments/" + segment + "/size?from=" + later.minus(Duration.ofDays(1))
                + "&to=" + later.plus(Duration.ofDays(1)) + "&interval=day").then().statusCode(200).extract().path("size");
        assertEquals(members.size(), sizes.get(sizes.size() - 1));
    }

    private long segment(Object definition) {
        long id = ws.admin().body(Map.of("name", unique("seg"), "definition", definition)).post("/v1/segments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Awaitility.await().atMost(WAIT).until(() -> "done".equals(ws.admin().get("/v1/segments/" + id).then().statusCode(200)
                .extract().jsonPath().getString("refresh.state")));
        return id;
    }

    private void awaitMember(long segment, String user) {
        Awaitility.await().atMost(WAIT).until(() -> Boolean.TRUE.equals(ws.admin().get("/v1/segments/" + segment + "/members/" + user)
                .then().statusCode(200).extract().path("member")));
    }
}

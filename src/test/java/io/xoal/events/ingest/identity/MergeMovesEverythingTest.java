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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A merge leaves nothing of the source behind: history, profile, relations, and its id. */
@QuarkusTest
class MergeMovesEverythingTest {

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
    void mergeMovesEventsRollupsAttributesTagsCompaniesAndObjects() throws Exception {
        String primary = unique("p");
        String secondary = unique("s");
        String company = unique("co");
        String account = unique("acct");
        clients.customerIo().body(Map.of("plan", "basic")).put("/api/v1/customers/" + primary).then().statusCode(200);
        clients.customerIo().body(Map.of("plan", "pro", "color", "red")).put("/api/v1/customers/" + secondary).then().statusCode(200);
        clients.track(secondary, "signed_up");
        ws.admin().body(Map.of("tags", List.of("VIP"))).post("/v1/customers/" + secondary + "/tags").then().statusCode(200);
        clients.segment().body(Map.of("userId", secondary, "groupId", company)).post("/v1/group").then().statusCode(200);
        clients.customerIo().body(Map.of("type", "person", "action", "add_relationships", "identifiers", Map.of("id", secondary),
                        "cio_relationships", List.of(Map.of("identifiers", Map.of("object_type_id", "1", "object_id", account)))))
                .post("/api/v2/entity").then().statusCode(200);
        long source;
        try (TestDb db = TestDb.open()) {
            source = db.usidOf(ws.id(), secondary);
        }

        clients.merge(primary, secondary);

        ws.admin().get("/v1/customers/" + primary).then().statusCode(200)
                .body("attributes.plan", is("basic"))
                .body("attributes.color", is("red"))
                .body("tags", hasItem("VIP"));
        ws.admin().get("/v1/customers/" + primary + "/events").then().body("items.name", containsInAnyOrder("signed_up"));
        ws.admin().get("/v1/companies/" + company + "/customers").then().body("items.id", containsInAnyOrder(primary));
        try (TestDb db = TestDb.open()) {
            long target = db.usidOf(ws.id(), primary);
            assertEquals(1, db.number("SELECT count(*) FROM customer_objects WHERE usid = ?", target), "object relationship moved");
            assertEquals(1, db.number("SELECT sum(event_count) FROM subject_event_daily WHERE subject_kind = 'customer' "
                    + "AND subject_id = ? AND name = 'signed_up'", target), "rollup moved");
            assertEquals(0, db.number("SELECT count(*) FROM subject_event_daily WHERE subject_kind = 'customer' "
                    + "AND subject_id = ?", source), "no rollup left on the source");
        }
    }

    @Test
    void aMergedCustomersIdKeepsResolvingToTheCustomerItWasMergedInto() throws Exception {
        String primary = unique("p");
        String secondary = unique("s");
        clients.track(primary, "own");
        clients.track(secondary, "before_merge");
        clients.merge(primary, secondary);

        clients.track(secondary, "after_merge");
        clients.customerIo().body(Map.of("name", "cio_after_merge")).post("/api/v1/customers/" + secondary + "/events")
                .then().statusCode(200);
        clients.customerIo().body(Map.of("nickname", "sec")).put("/api/v1/customers/" + secondary).then().statusCode(200);

        ws.admin().get("/v1/customers/" + secondary).then().statusCode(404);
        ws.admin().get("/v1/customers/" + primary).then().body("attributes.nickname", is("sec"));
        ws.admin().get("/v1/customers/" + primary + "/events").then()
                .body("items.name", containsInAnyOrder("own", "before_merge", "after_merge", "cio_after_merge"));
        try (TestDb db = TestDb.open()) {
            assertEquals(0, db.number("SELECT count(*) FROM customers WHERE workspace_id = ? AND external_id = ?", ws.id(), secondary));
        }
    }
}

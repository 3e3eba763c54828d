package io.xoal.events.ingest.customerio;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** Customer.io's Track API over HTTPS (its clients speak nothing else), Basic site_id:api_key. */
@QuarkusTest
class CustomerIoTrackTest {

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    private RequestSpecification track() {
        return given().baseUri(https.toString().replaceAll("/$", "")).port(https.getPort())
                .relaxedHTTPSValidation()
                .auth().preemptive().basic(Long.toString(ws.id()), ws.ingestKey())
                .contentType(ContentType.JSON);
    }

    @Test
    void v1IdentifyEventAndDeleteWorkOverHttps() {
        String id = unique("p");
        track().body(Map.of("email", "lin@example.com", "created_at", 1700000000, "first_name", "Lin", "plan", "basic"))
                .put("/api/v1/customers/" + id).then().statusCode(200);
        ws.admin().get("/v1/customers/" + id).then().statusCode(200)
                .body("email", is("lin@example.com"))
                .body("first_name", is("Lin"))
                .body("joined_date", is("2023-11-14T22:13:20Z"))
                .body("attributes.plan", is("basic"));

        Map<String, Object> event = Map.of("name", "purchase", "data", Map.of("price", 23.45), "timestamp", 1760000000,
                "id", unique("evt"));
        track().body(event).post("/api/v1/customers/" + id + "/events").then().statusCode(200).body("accepted", is(1));
        track().body(event).post("/api/v1/customers/" + id + "/events").then().statusCode(200).body("duplicates", is(1));
        ws.admin().get("/v1/customers/" + id + "/events").then()
                .body("items", hasSize(1))
                .body("items[0].name", is("purchase"))
                .body("items[0].properties.price", is(23.45f))
                .body("items[0].occurred_at", is("2025-10-09T08:53:20Z"))
                .body("items[0].source", is("customerio"));

        track().delete("/api/v1/customers/" + id).then().statusCode(200);
        ws.admin().get("/v1/customers/" + id).then().statusCode(404);
        ws.admin().get("/v1/events?name=purchase").then().statusCode(200).body("items", hasSize(0));
        // The deleted person's messageId is still remembered: a replay is a duplicate and re-creates no one.
        track().body(event).post("/api/v1/customers/" + id + "/events").then().statusCode(200)
                .body("accepted", is(0)).body("duplicates", is(1));
        ws.admin().get("/v1/customers/" + id).then().statusCode(404);
        ws.admin().get("/v1/events?name=purchase").then().body("items", hasSize(0));
    }

    @Test
    void anonymousEventsJoinThePersonWhoIdentifiesWithThatAnonymousId() {
        String anonymous = unique("anon");
        String id = unique("p");
        track().body(Map.of("name", "viewed_pricing", "anonymous_id", anonymous)).post("/api/v1/events").then().statusCode(200);
        track().body(Map.of("email", "sam@example.com", "anonymous_id", anonymous)).put("/api/v1/customers/" + id)
                .then().statusCode(200);
        ws.admin().get("/v1/customers/" + id + "/events").then().body("items.name", hasItem("viewed_pricing"));
        track().body(Map.of("name", "x")).post("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", is("/anonymous_id"));
    }

    @Test
    void mergeCustomersMovesTheSecondaryIntoThePrimary() {
        String primary = unique("p");
        String secondary = unique("s");
        track().body(Map.of("name", "signed_up")).post("/api/v1/customers/" + secondary + "/events").then().statusCode(200);
        track().body(Map.of("email", "kim@example.com")).put("/api/v1/customers/" + primary).then().statusCode(200);
        track().body(Map.of("primary", Map.of("id", primary), "secondary", Map.of("id", secondary)))
                .post("/api/v1/merge_customers").then().statusCode(200);
        ws.admin().get("/v1/customers/" + primary + "/events").then().body("items.name", hasItem("signed_up"));
        ws.admin().get("/v1/customers/" + secondary).then().statusCode(404);
    }

    @Test
    void v2BatchIdentifiesPeopleAndObjectsWithRelationshipsAndTracksEvents() {
        String id = unique("p");
        String account = unique("acct");
        Map<String, Object> body = Map.of("batch", List.of(
                Map.of("type", "object", "action", "identify",
                        "identifiers", Map.of("object_type_id", "1", "object_id", account),
                        "attributes", Map.of("name", "Acme", "seats", 12)),
                Map.of("type", "person", "action", "identify", "identifiers", Map.of("id", id),
                        "attributes", Map.of("email", "ana@example.com", "role", "admin"),
                        "cio_relationships", List.of(Map.of("identifiers", Map.of("object_type_id", "1", "object_id", account)))),
                Map.of("type", "person", "action", "event", "identifiers", Map.of("id", id), "name", "invited_teammate",
                        "attributes", Map.of("count", 2), "timestamp", 1760000000),
                Map.of("type", "person", "action", "page", "identifiers", Map.of("id", id), "name", "https://example.com/pricing"),
                Map.of("type", "object", "action", "event", "identifiers", Map.of("object_type_id", "1", "object_id", account),
                        "name", "plan_changed"),
                Map.of("type", "person", "action", "fly", "identifiers", Map.of("id", id))));
        track().body(body).post("/api/v2/batch").then().statusCode(200)
                .body("accepted", is(5))
                .body("rejected[0].index", is(5))
                .body("rejected[0].errors[0].field", is("/action"));

        ws.admin().get("/v1/customers/" + id).then().body("email", is("ana@example.com")).body("attributes.role", is("admin"));
        ws.admin().get("/v1/customers/" + id + "/events").then()
                .body("items.name", hasItem("invited_teammate"))
                .body("items.find { it.name == 'page_viewed' }.properties.url", is("https://example.com/pricing"));
        ws.admin().get("/v1/objects/cio_1/" + account).then().statusCode(200).body("attributes.seats", is(12));
        ws.admin().get("/v1/objects/cio_1/" + account + "/events").then().body("items[0].name", is("plan_changed"));
        ws.admin().get("/v1/customers/" + id + "/relationships").then().statusCode(200)
                .body("objects", hasSize(1))
                .body("objects[0].type", is("cio_1"))
                .body("objects[0].id", is(account))
                .body("objects[0].attributes.seats", is(12));

        track().body(Map.of("type", "person", "action", "delete_relationships", "identifiers", Map.of("id", id),
                        "cio_relationships", List.of(Map.of("identifiers", Map.of("object_type_id", "1", "object_id", account)))))
                .post("/api/v2/entity").then().statusCode(200);
        ws.admin().get("/v1/customers/" + id + "/relationships").then().body("objects", hasSize(0));
    }

    @Test
    void v2EntityDeletesAndTheSiteIdMustMatchTheKey() {
        String id = unique("p");
        track().body(Map.of("type", "person", "action", "identify", "identifiers", Map.of("id", id)))
                .post("/api/v2/entity").then().statusCode(200);
        track().body(Map.of("type", "person", "action", "delete", "identifiers", Map.of("id", id)))
                .post("/api/v2/entity").then().statusCode(200);
        ws.admin().get("/v1/customers/" + id).then().statusCode(404);

        given().baseUri(https.toString().replaceAll("/$", "")).port(https.getPort()).relaxedHTTPSValidation()
                .auth().preemptive().basic("999999", ws.ingestKey()).contentType(ContentType.JSON)
                .body(Map.of("email", "x@example.com")).put("/api/v1/customers/" + id).then().statusCode(401);
        given().baseUri(https.toString().replaceAll("/$", "")).port(https.getPort()).relaxedHTTPSValidation()
                .auth().preemptive().basic(Long.toString(ws.id()), "ing_wrongwrongwrongwrongwrongwrongwr").contentType(ContentType.JSON)
                .body(Map.of("email", "x@example.com")).put("/api/v1/customers/" + id).then().statusCode(401);
    }
}

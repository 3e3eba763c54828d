package io.xoal.events.workspace;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** What each kind of key may do: a browser key is public, so it must never destroy or administer. */
@QuarkusTest
class KeyScopeTest {

    @Test
    void browserKeysAreCreatedShownOnceListedByPrefixAndRevocable() {
        TestWorkspace ws = TestWorkspace.create();
        Map<String, Object> created = ws.admin().body(Map.of("kind", "browser", "name", "shop front"))
                .post("/v1/keys").then().statusCode(201)
                .body("kind", is("browser"))
                .body("key", matchesPattern("pub_[a-z0-9]{32}"))
                .extract().as(Map.class);
        String key = (String) created.get("key");
        ws.admin().get("/v1/keys").then().statusCode(200)
                .body("find { it.name == 'shop front' }.prefix", is(key.substring(0, 12)))
                .body("find { it.name == 'shop front' }.key", is((Object) null));

        String user = unique("u");
        track(key, user).then().statusCode(200).body("accepted", is(1));
        ws.admin().delete("/v1/keys/" + created.get("id")).then().statusCode(200).body("revoked_at", notNullValue());
        track(key, user).then().statusCode(401);
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items", hasSize(1));
    }

    @Test
    void aNewWorkspaceComesWithABrowserKey() {
        TestWorkspace ws = TestWorkspace.create();
        assertThat(ws.browserKey(), matchesPattern("pub_[a-z0-9]{32}"));
        ws.admin().get("/v1/keys").then().body("kind", hasItem("browser"));
    }

    @Test
    void browserKeyCannotDeleteACustomer() {
        TestWorkspace ws = TestWorkspace.create();
        String user = unique("u");
        ws.ingest().body(Map.of("event", "purchase", "properties", Map.of("userId", user))).post("/ingest/v1/event")
                .then().statusCode(200);

        customerIo(ws, ws.browserKey()).delete("/api/v1/customers/" + user).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("ing_"));
        customerIo(ws, ws.browserKey()).body(Map.of("batch", List.of(Map.of("type", "person", "action", "delete",
                        "identifiers", Map.of("id", user)))))
                .post("/api/v2/batch").then().statusCode(403);

        ws.admin().get("/v1/customers/" + user).then().statusCode(200);
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", is(List.of("purchase")));
    }

    @Test
    void browserKeyCannotMergeCustomersThroughCustomerIo() {
        TestWorkspace ws = TestWorkspace.create();
        String primary = unique("p");
        String secondary = unique("s");
        for (String user : List.of(primary, secondary)) {
            ws.ingest().body(Map.of("event", "signed_up", "properties", Map.of("userId", user))).post("/ingest/v1/event")
                    .then().statusCode(200);
        }

        customerIo(ws, ws.browserKey()).body(Map.of("primary", Map.of("id", primary), "secondary", Map.of("id", secondary)))
                .post("/api/v1/merge_customers").then().statusCode(403);
        customerIo(ws, ws.browserKey()).body(Map.of("email", "eve@example.com"))
                .put("/api/v1/customers/" + primary).then().statusCode(403);

        ws.admin().get("/v1/customers/" + secondary).then().statusCode(200);
        ws.admin().get("/v1/customers/" + primary + "/events").then().body("items", hasSize(1));
        ws.admin().get("/v1/customers/" + primary).then().body("email", is((Object) null));
    }

    @Test
    void browserKeyCannotSendToTheXoalEventsApi() {
        TestWorkspace ws = TestWorkspace.create();
        String user = unique("u");
        given().header("Authorization", "Bearer " + ws.browserKey()).contentType(ContentType.JSON)
                .body(Map.of("event", "purchase", "properties", Map.of("userEmail", "someone@example.com", "userId", user)))
                .post("/ingest/v1/event").then().statusCode(403).contentType("application/problem+json");
        ws.admin().get("/v1/customers/" + user).then().statusCode(404);
    }

    @Test
    void browserKeyNeverAdministers() {
        TestWorkspace ws = TestWorkspace.create();
        given().header("Authorization", "Bearer " + ws.browserKey()).get("/v1/keys").then().statusCode(403);
        given().header("Authorization", "Bearer " + ws.browserKey()).contentType(ContentType.JSON)
                .body(Map.of("kind", "admin", "name", "escalate")).post("/v1/keys").then().statusCode(403);
        given().header("Authorization", "Bearer " + ws.browserKey()).get("/v1/events/rejected").then().statusCode(403);
        given().header("Authorization", "Bearer " + ws.browserKey()).get("/v1/customers").then().statusCode(403);
        ws.admin().get("/v1/keys").then().body("kind", is(List.of("browser", "ingest", "admin")));
    }

    @Test
    void adminKeyNeverIngestsOnTheSegmentPaths() {
        TestWorkspace ws = TestWorkspace.create();
        String user = unique("u");
        given().header("Authorization", "Bearer " + ws.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("userId", user, "event", "x")).post("/v1/track").then().statusCode(403);
        given().header("Authorization", "Bearer " + ws.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("type", "track", "userId", user, "event", "x")).post("/ingest/v1/segment/event")
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("userId", user, "event", "x", "writeKey", ws.adminKey()))
                .post("/v1/t").then().statusCode(403);
        ws.admin().get("/v1/customers/" + user).then().statusCode(404);
    }

    private static Response track(String key, String user) {
        return given().contentType(ContentType.JSON).body(Map.of("userId", user, "event", "Viewed", "writeKey", key))
                .post("/v1/t");
    }

    private static RequestSpecification customerIo(TestWorkspace ws, String key) {
        return given().auth().preemptive().basic(Long.toString(ws.id()), key).contentType(ContentType.JSON);
    }
}

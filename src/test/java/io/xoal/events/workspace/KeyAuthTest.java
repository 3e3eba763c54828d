package io.xoal.events.workspace;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class KeyAuthTest {

    private static final Map<String, Object> EVENT = Map.of("event", "e", "properties", Map.of("userId", "u"));

    @Test
    void missingOrUnknownKeyIs401ProblemJson() {
        given().contentType(ContentType.JSON).body(EVENT).post("/ingest/v1/event")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer ing_" + "x".repeat(32)).contentType(ContentType.JSON).body(EVENT)
                .post("/ingest/v1/event").then().statusCode(401);
        given().header("Authorization", "Basic Zm9vOmJhcg==").get("/v1/events").then().statusCode(401);
    }

    @Test
    void wrongKindOfKeyIs403() {
        TestWorkspace ws = TestWorkspace.create();
        given().header("Authorization", "Bearer " + ws.adminKey()).contentType(ContentType.JSON).body(EVENT)
                .post("/ingest/v1/event").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + ws.ingestKey()).get("/v1/events").then().statusCode(403);
        given().header("Authorization", "Bearer " + ws.ingestKey()).get("/v1/keys").then().statusCode(403);
    }

    @Test
    void aKeyOfOneWorkspaceNeitherReadsNorWritesAnother() {
        TestWorkspace a = TestWorkspace.create();
        TestWorkspace b = TestWorkspace.create();
        String user = TestWorkspace.unique("u");
        b.ingest().body(Map.of("event", "secret", "properties", Map.of("userId", user))).post("/ingest/v1/event")
                .then().statusCode(200);
        a.ingest().body(Map.of("event", "mine", "properties", Map.of("userId", user))).post("/ingest/v1/event")
                .then().statusCode(200);

        a.admin().get("/v1/customers/" + user + "/events").then().statusCode(200).body("items.name", everyItem(is("mine")));
        a.admin().get("/v1/events").then().body("items.name", not(hasItem("secret")));
        b.admin().get("/v1/customers/" + user + "/events").then().body("items.name", everyItem(is("secret")));
        a.admin().get("/v1/keys").then().body("prefix", everyItem(not(startsWith(b.adminKey().substring(0, 12)))));
        a.admin().get("/v1/workspaces/current").then().body("id", is((int) a.id()));
    }

    @Test
    void keysAreShownOnceListedByPrefixAndRevocable() {
        TestWorkspace ws = TestWorkspace.create();
        Map<String, Object> created = ws.admin().body(Map.of("kind", "ingest", "name", "web"))
                .post("/v1/keys").then().statusCode(201).header("Location", notNullValue())
                .body("key", matchesPattern("ing_[a-z0-9]{32}"))
                .extract().as(Map.class);
        String key = (String) created.get("key");
        ws.admin().get("/v1/keys").then().statusCode(200)
                .body("prefix", hasItem(key.substring(0, 12)))
                .body("find { it.name == 'web' }.key", is((Object) null));

        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(EVENT)
                .post("/ingest/v1/event").then().statusCode(200);
        ws.admin().delete("/v1/keys/" + created.get("id")).then().statusCode(200).body("revoked_at", notNullValue());
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(EVENT)
                .post("/ingest/v1/event").then().statusCode(401);
    }

    @Test
    void theLastActiveAdminKeyCannotBeRevoked() {
        TestWorkspace ws = TestWorkspace.create();
        Object adminId = ws.admin().get("/v1/keys").then().extract().path("find { it.kind == 'admin' }.id");
        ws.admin().delete("/v1/keys/" + adminId).then().statusCode(409);
    }

    @Test
    void anotherWorkspacesKeyCannotBeRevoked() {
        TestWorkspace a = TestWorkspace.create();
        TestWorkspace b = TestWorkspace.create();
        Object bKey = b.admin().get("/v1/keys").then().extract().path("find { it.kind == 'ingest' }.id");
        a.admin().delete("/v1/keys/" + bKey).then().statusCode(404);
        b.ingest().body(EVENT).post("/ingest/v1/event").then().statusCode(200);
    }

    @Test
    void invalidKeyRequestNamesTheField() {
        TestWorkspace.create().admin().body(Map.of("kind", "root", "name", "x")).post("/v1/keys")
                .then().statusCode(400).body("errors[0].field", is("/kind"));
    }
}

package io.xoal.events.ingest.write;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A flush that meets another writer's uncommitted row (the same new anonymous id, the same
 * customer id) is re-run once that writer is done: a race is never blamed on the data. The other
 * writer is a JDBC session of the test, committed while the flush waits for it.
 */
@QuarkusTest
class FlushRaceTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void aFlushRacingTheSameNewAnonymousIdIsRetriedAndStored() throws Exception {
        String anonymousId = unique("anon");
        long usid;
        try (Connection other = TestDatabase.begin()) {
            usid = insertCustomer(other, null, null, "unidentified");
            try (PreparedStatement alias = other.prepareStatement(
                    "INSERT INTO customer_aliases (workspace_id, alias, usid, created_at) VALUES (?, ?, ?, now())")) {
                alias.setLong(1, ws.id());
                alias.setString(2, anonymousId);
                alias.setLong(3, usid);
                alias.executeUpdate();
            }
            CompletableFuture<Response> reply = send("/v1/track",
                    Map.of("anonymousId", anonymousId, "event", "clicked"));
            TestDatabase.awaitBlockedStatement();
            other.commit();

            reply.get(10, TimeUnit.SECONDS).then().statusCode(200).body("accepted", is(1));
        }
        assertEquals(1, TestDatabase.number(
                "SELECT count(*) FROM events WHERE workspace_id = ? AND subject_id = ? AND name = 'clicked'", ws.id(), usid));
    }

    @Test
    void aFlushRacingACustomerIdThatAnEmailWouldBePromotedToIsRetriedAndStored() throws Exception {
        String user = unique("u");
        String email = unique("e") + "@example.com";
        ws.ingest().body(Map.of("event", "seen", "properties", Map.of("userEmail", email)))
                .post("/ingest/v1/event").then().statusCode(200);
        long usid;
        try (Connection other = TestDatabase.begin()) {
            usid = insertCustomer(other, user, null, "user");
            CompletableFuture<Response> reply = CompletableFuture.supplyAsync(() -> ws.ingest()
                    .body(Map.of("event", "bought", "properties", Map.of("userId", user, "userEmail", email)))
                    .post("/ingest/v1/event"));
            TestDatabase.awaitBlockedStatement();
            other.commit();

            reply.get(10, TimeUnit.SECONDS).then().statusCode(200).body("accepted", is(1));
        }
        assertEquals(1, TestDatabase.number(
                "SELECT count(*) FROM events WHERE workspace_id = ? AND subject_id = ? AND name = 'bought'", ws.id(), usid));
    }

    @Test
    void aCreatedAtPostgresCannotStoreIsAnItemRejectionNamingTheField() {
        String user = unique("u");
        Map<String, Object> body = Map.of("batch", List.of(
                Map.of("type", "identify", "userId", user + "-far", "traits", Map.of("createdAt", "+300000-01-01T00:00:00Z")),
                Map.of("type", "identify", "userId", user + "-huge", "traits", Map.of("createdAt", 1e300)),
                Map.of("type", "identify", "userId", user, "traits", Map.of("createdAt", "2024-05-01T10:00:00Z"))));

        given().auth().preemptive().basic(ws.ingestKey(), "").contentType(ContentType.JSON).body(body)
                .post("/v1/batch").then().statusCode(200)
                .body("accepted", is(1))
                .body("rejected[0].index", is(0))
                .body("rejected[0].errors[0].field", is("/traits/createdAt"))
                .body("rejected[1].index", is(1))
                .body("rejected[1].errors[0].field", is("/traits/createdAt"));
        ws.admin().get("/v1/events/rejected").then().statusCode(200).body("items.size()", is(2));
    }

    private CompletableFuture<Response> send(String path, Map<String, Object> message) {
        return CompletableFuture.supplyAsync(() -> given().auth().preemptive().basic(ws.ingestKey(), "")
                .contentType(ContentType.JSON).body(message).post(path));
    }

    private long insertCustomer(Connection connection, String externalId, String email, String contactType) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO customers (workspace_id, external_id, email, contact_type, created_at, added_via)
                VALUES (?, ?, ?, ?, now(), 'api') RETURNING usid""")) {
            insert.setLong(1, ws.id());
            insert.setString(2, externalId);
            insert.setString(3, email);
            insert.setString(4, contactType);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

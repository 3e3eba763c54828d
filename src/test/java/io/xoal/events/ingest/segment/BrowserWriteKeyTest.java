package io.xoal.events.ingest.segment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** A browser write key (pub_…) on the Segment paths: it collects, it never merges or takes over a profile. */
@QuarkusTest
class BrowserWriteKeyTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void browserKeySendsTrackPageScreenIdentifyAndGroupAsAnalyticsJsDoes() {
        String user = unique("u");
        String company = unique("acme");
        String body = """
                {"writeKey": "%s", "batch": [
                  {"type": "track", "userId": "%s", "event": "Added To Cart"},
                  {"type": "page", "userId": "%s", "name": "Pricing"},
                  {"type": "screen", "userId": "%s", "name": "Home"},
                  {"type": "identify", "userId": "%s", "traits": {"firstName": "Ada", "plan": "pro"}},
                  {"type": "group", "userId": "%s", "groupId": "%s", "traits": {"name": "Acme"}}]}"""
                .formatted(ws.browserKey(), user, user, user, user, user, company);
        given().contentType("text/plain").header("Origin", "https://shop.example").body(body).post("/v1/b")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "*")
                .body("accepted", is(5)).body("rejected", hasSize(0));

        ws.admin().get("/v1/customers/" + user + "/events").then()
                .body("items.name", hasItem("Added To Cart"))
                .body("items.name", hasItem("page_viewed"))
                .body("items.name", hasItem("screen_viewed"));
        ws.admin().get("/v1/customers/" + user).then().body("first_name", is("Ada")).body("attributes.plan", is("pro"));
        ws.admin().get("/v1/companies/" + company + "/customers").then().body("items.id", hasItem(user));
    }

    @Test
    void browserKeyLinksAnonymousHistoryToTheKnownCustomer() {
        String anonymous = unique("anon");
        String user = unique("u");
        ws.browser().body(Map.of("anonymousId", anonymous, "event", "Viewed Pricing")).post("/v1/track").then().statusCode(200);
        ws.browser().body(Map.of("userId", user, "anonymousId", anonymous)).post("/v1/identify").then().statusCode(200);
        ws.browser().body(Map.of("anonymousId", anonymous, "event", "Opened App")).post("/v1/t").then().statusCode(200);

        ws.admin().get("/v1/customers/" + user + "/events").then()
                .body("items.name", is(List.of("Opened App", "Viewed Pricing")));
    }

    @Test
    void browserKeyAliasIsRejectedAndNothingMerges() {
        String first = unique("u1");
        String second = unique("u2");
        ws.ingest().body(List.of(Map.of("type", "track", "userId", first, "event", "First Order"),
                        Map.of("type", "track", "userId", second, "event", "Second Order")))
                .post("/ingest/v1/segment/event").then().statusCode(200).body("accepted", is(2));

        ws.browser().body(Map.of("userId", second, "previousId", first)).post("/v1/alias").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("/type"))
                .body("errors[0].message", containsString("browser key"));
        ws.browser().body(Map.of("batch", List.of(
                        Map.of("type", "alias", "userId", second, "previousId", first),
                        Map.of("type", "track", "userId", second, "event", "Kept"))))
                .post("/v1/batch").then().statusCode(200)
                .body("accepted", is(1))
                .body("rejected[0].index", is(0))
                .body("rejected[0].errors[0].field", is("/type"));
        given().header("Authorization", "Bearer " + ws.browserKey()).contentType(ContentType.JSON)
                .body(List.of(Map.of("type", "alias", "userId", second, "previousId", first)))
                .post("/ingest/v1/rudderstack/event").then().statusCode(400);

        ws.admin().get("/v1/customers/" + first + "/events").then().body("items.name", is(List.of("First Order")));
        ws.admin().get("/v1/customers/" + second + "/events").then().body("items.name", is(List.of("Kept", "Second Order")));
        ws.admin().get("/v1/events/rejected").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.errors.flatten().message", hasItem(containsString("browser key")));
    }

    @Test
    void browserIdentifyCannotChangeAnExistingEmailOrPhone() {
        String user = unique("u");
        ws.ingest().body(Map.of("type", "identify", "userId", user,
                        "traits", Map.of("email", "ada@example.com", "phone", "+441234567")))
                .post("/ingest/v1/segment/event").then().statusCode(200);

        ws.browser().body(Map.of("userId", user, "traits", Map.of("email", "eve@example.com", "phone", "+449999999",
                "firstName", "Ada"))).post("/v1/identify").then().statusCode(200).body("accepted", is(1));

        ws.admin().get("/v1/customers/" + user).then()
                .body("email", is("ada@example.com"))
                .body("phone", is("+441234567"))
                .body("first_name", is("Ada"));
        // The server's key still changes an e-mail, as it always did.
        ws.ingest().body(Map.of("type", "identify", "userId", user, "traits", Map.of("email", "ada@new.example.com")))
                .post("/ingest/v1/segment/event").then().statusCode(200);
        ws.admin().get("/v1/customers/" + user).then().body("email", is("ada@new.example.com"));
    }

    @Test
    void browserIdentifyNeverSetsAnEmail() {
        String user = unique("u");
        ws.browser().body(Map.of("userId", user, "traits", Map.of("email", "claimed@example.com", "plan", "free")))
                .post("/v1/identify").then().statusCode(200);

        ws.admin().get("/v1/customers/" + user).then().statusCode(200)
                .body("email", nullValue())
                .body("attributes.plan", is("free"));
    }

    @Test
    void browserIdentifyByEmailDoesNotReachThatCustomer() {
        String victim = unique("victim");
        String email = unique("victim") + "@example.com";
        String anonymous = unique("anon");
        ws.ingest().body(Map.of("type", "identify", "userId", victim, "traits", Map.of("email", email, "firstName", "Vic")))
                .post("/ingest/v1/segment/event").then().statusCode(200);

        ws.browser().body(Map.of("anonymousId", anonymous, "traits", Map.of("email", email, "firstName", "Eve")))
                .post("/v1/identify").then().statusCode(200);
        ws.browser().body(Map.of("anonymousId", anonymous, "event", "Bought Gift Card")).post("/v1/track").then().statusCode(200);

        ws.admin().get("/v1/customers/" + victim).then().body("first_name", is("Vic")).body("email", is(email));
        ws.admin().get("/v1/customers/" + victim + "/events").then().body("items", hasSize(0));
        ws.admin().get("/v1/customers?email=" + email).then().body("items", hasSize(1));
    }

    @Test
    void browserIdentifyCannotClaimAnEmailOnlyLead() {
        String email = unique("lead") + "@example.com";
        String intruder = unique("intruder");
        ws.ingest().body(Map.of("event", "newsletter_opened", "properties", Map.of("userEmail", email)))
                .post("/ingest/v1/event").then().statusCode(200);

        ws.browser().body(Map.of("userId", intruder, "traits", Map.of("email", email))).post("/v1/identify")
                .then().statusCode(200);

        ws.admin().get("/v1/customers?email=" + email).then()
                .body("items", hasSize(1))
                .body("items[0].id", nullValue())
                .body("items[0].contact_type", is("lead"));
        ws.admin().get("/v1/customers/" + intruder + "/events").then().body("items", hasSize(0));
    }

    @Test
    void ingestKeyKeepsItsPowersOnTheSegmentPaths() {
        String old = unique("old");
        String user = unique("u");
        ws.ingest().body(Map.of("type", "track", "userId", old, "event", "Signed Up")).post("/ingest/v1/segment/event")
                .then().statusCode(200);
        given().auth().preemptive().basic(ws.ingestKey(), "").contentType(ContentType.JSON)
                .body(Map.of("userId", user, "previousId", old)).post("/v1/alias").then().statusCode(200);

        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", is(List.of("Signed Up")));
        ws.admin().get("/v1/customers/" + old).then().statusCode(404);
    }

    @Test
    void settingsAreServedForBrowserKeysAndStillForIngestKeys() {
        given().get("/v1/projects/" + ws.browserKey() + "/settings").then().statusCode(200)
                .body("integrations.'Segment.io'.apiKey", is(ws.browserKey()));
        given().get("/v1/projects/" + ws.ingestKey() + "/settings").then().statusCode(200);
        given().get("/v1/projects/" + ws.adminKey() + "/settings").then().statusCode(404);
        given().get("/v1/projects/pub_" + "0".repeat(32) + "/settings").then().statusCode(404);
    }

    @Test
    void browsersMayCallTheSourceEndpointsFromAnyOrigin() {
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .options("/ingest/v1/segment/event").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "https://shop.example").options("/ingest/v1/event").then()
                .header("Access-Control-Allow-Origin", (String) null);
    }
}

package io.xoal.events.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DashboardSignInTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void pagesWithoutASessionSendTheBrowserToSignIn() {
        given().redirects().follow(false).get("/events").then().statusCode(303).header("Location", containsString("/sign-in"));
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", containsString("/events"));
        given().redirects().follow(false).header("HX-Request", "true").get("/customers")
                .then().statusCode(401).header("HX-Redirect", "/sign-in");
        given().redirects().follow(false).cookie(SessionFilter.COOKIE, "forged").get("/customers")
                .then().statusCode(303);
    }

    @Test
    void anAdminKeyBuysAnHttpOnlyStrictSessionCookieAndTheWorkspaceName() {
        Response signedIn = DashboardSession.postSignIn(ws.adminKey());
        assertEquals(303, signedIn.statusCode());
        assertTrue(signedIn.header("Location").endsWith("/events"));
        Cookie cookie = signedIn.detailedCookie(SessionFilter.COOKIE);
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        assertTrue(cookie.isSecured(), "Secure by default");
        assertEquals("/", cookie.getPath());
        assertTrue(!cookie.getValue().contains(ws.adminKey().substring(4)), "the cookie is not the key");

        String name = ws.admin().get("/v1/workspaces/current").then().statusCode(200).extract().path("name");
        given().cookie(SessionFilter.COOKIE, cookie.getValue()).get("/events").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString(name))
                .body(not(containsString(ws.adminKey())));
    }

    @Test
    void otherKeysAndForgedFormsAreRefused() {
        DashboardSession.postSignIn(ws.ingestKey()).then().statusCode(401).body(containsString("not an admin key"));
        DashboardSession.postSignIn("adm_" + "0".repeat(32)).then().statusCode(401);
        // A post from another site carries no sign-in cookie: refused even with a good key.
        given().redirects().follow(false).formParam("key", ws.adminKey()).formParam("form_token", "x").post("/sign-in")
                .then().statusCode(403);
        given().redirects().follow(false).cookie("xoal_signin", "a").formParam("key", ws.adminKey())
                .formParam("form_token", "b").post("/sign-in").then().statusCode(403);
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndSignOutEndsTheSession() {
        DashboardSession session = DashboardSession.signIn(ws.adminKey());
        session.page().post("/sign-out").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("CSRF"));
        session.page().header(SessionFilter.CSRF_HEADER, "wrong").post("/sign-out").then().statusCode(403);
        session.page().get("/events").then().statusCode(200);

        session.htmx().post("/sign-out").then().statusCode(204).header("HX-Redirect", "/sign-in");
        session.page().get("/events").then().statusCode(303);
        session.htmx().post("/sign-out").then().statusCode(401);
    }

    @Test
    void revokingTheKeyEndsItsDashboardSessions() {
        Map<String, Object> second = ws.admin().body(Map.of("kind", "admin", "name", "dashboard")).post("/v1/keys")
                .then().statusCode(201).extract().as(Map.class);
        DashboardSession session = DashboardSession.signIn((String) second.get("key"));
        session.page().get("/customers").then().statusCode(200);

        ws.admin().delete("/v1/keys/" + second.get("id")).then().statusCode(is(200));
        session.page().get("/customers").then().statusCode(303);
    }

    @Test
    void anotherWorkspacesEventIsNotFound() {
        TestWorkspace other = TestWorkspace.create();
        other.ingest().body(Map.of("event", "secret", "properties", Map.of("userId", "u1")))
                .post("/ingest/v1/event").then().statusCode(200);
        long id = ((Number) other.admin().get("/v1/events").then().extract().path("items[0].id")).longValue();

        DashboardSession session = DashboardSession.signIn(ws.adminKey());
        session.htmx().get("/events/" + id).then().statusCode(404);
        session.page().get("/customers/u1").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("No customer"));
        DashboardSession.signIn(other.adminKey()).htmx().get("/events/" + id).then().statusCode(200)
                .body(containsString("secret"));
    }
}

package io.xoal.events.web.segment;

import io.xoal.events.web.DashboardSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The segment pages' behaviour short of a browser: sessions and CSRF, form errors, workspaces, the buttons. */
@QuarkusTest
class SegmentPagesHttpTest {

    private static final String BUYERS = """
            {"performed": {"event": "purchase", "window": {"days": 30}}}""";

    private TestWorkspace ws;
    private DashboardSession dashboard;

    @BeforeEach
    void signIn() {
        ws = TestWorkspace.create();
        dashboard = DashboardSession.signIn(ws.adminKey());
    }

    private void purchase(String user) {
        ws.ingest().body(Map.of("event", "purchase", "properties", Map.of("userId", user))).post("/ingest/v1/event")
                .then().statusCode(200);
    }

    private long apiSegment(TestWorkspace owner, String name, Object definition) {
        return owner.admin().body(Map.of("name", name, "definition", definition)).post("/v1/segments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private String status(TestWorkspace owner, long id) {
        return owner.admin().get("/v1/segments/" + id).then().statusCode(200).extract().path("status");
    }

    @Test
    void pagesWithoutASessionGoToSignIn() {
        given().redirects().follow(false).get("/segments")
                .then().statusCode(303).header("Location", startsWith("http")).header("Location", containsString("/sign-in"));
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndSavesNothing() {
        dashboard.page().header("HX-Request", "true").formParam("name", "no token").formParam("definition", BUYERS)
                .post("/segments").then().statusCode(403);
        dashboard.page().header("HX-Request", "true").header("X-CSRF-Token", "forged").formParam("definition", BUYERS)
                .post("/segments/preview").then().statusCode(403);
        ws.admin().get("/v1/segments").then().statusCode(200).body("items.size()", is(0));

        dashboard.htmx().formParam("name", "with token").formParam("definition", BUYERS).post("/segments")
                .then().statusCode(200).header("HX-Redirect", startsWith("/segments/"));
        ws.admin().get("/v1/segments").then().statusCode(200).body("items[0].name", is("with token"));
    }

    @Test
    void thePreviewShowsTheDefinitionsErrorsAtTheirJsonPointersAsHtml() {
        dashboard.htmx().formParam("definition", """
                        {"and": [{"performed": {"event": "purchase", "window": {"days": -1}}}, {"tag": {"has": ""}}]}""")
                .post("/segments/preview")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(allOf(containsString("id=\"definition-errors\" hx-swap-oob=\"true\""), containsString("role=\"alert\""),
                        containsString("<code>/definition/and/0/performed/window/days</code>"),
                        containsString("id=\"preview-invalid\""), not(containsString("preview-count"))));
        dashboard.htmx().formParam("definition", "{\"performed\": {\"event\": ")
                .post("/segments/preview")
                .then().statusCode(200)
                .body(allOf(containsString("<code>/definition</code> is not valid JSON"), containsString("line 1")));
    }

    @Test
    void thePreviewCountsSamplesAndBacktestsThirtyDays() {
        String first = unique("buyer");
        String second = unique("buyer");
        purchase(first);
        purchase(second);
        String html = dashboard.htmx().formParam("definition", BUYERS).post("/segments/preview")
                .then().statusCode(200)
                .body(allOf(containsString("<strong id=\"preview-count\">2</strong>"),
                        containsString("href=\"/customers/" + first + "\""), containsString("href=\"/customers/" + second + "\""),
                        containsString("data-chart=\"line\"")))
                .extract().asString();
        Matcher chart = Pattern.compile("id=\"backtest-chart\" data-chart-json=\"([^\"]+)\"").matcher(html);
        assertTrue(chart.find(), html);
        JsonPath data = JsonPath.from(chart.group(1).replace("&quot;", "\""));
        assertEquals(31, data.getList("x").size(), "a point per day of the last 30, and now");
        assertEquals(2, data.getInt("series[0].values[30]"), "the point at now is the count");
    }

    @Test
    void creatingShowsEveryFieldsErrorsInTheFormAndCreatesNothing() {
        dashboard.htmx().formParam("name", "  ").formParam("definition", "{\"performed\": {}}").post("/segments")
                .then().statusCode(200).header("HX-Redirect", nullValue())
                .body(allOf(containsString("id=\"form-errors\""), containsString("<code>/name</code>"),
                        containsString("id=\"definition-errors\" hx-swap-oob=\"true\"")));
        // With a valid name, the definition language's own errors (from the service) reach the definition field.
        dashboard.htmx().formParam("name", "bad").formParam("definition", "{\"performed\": {}}").post("/segments")
                .then().statusCode(200).header("HX-Redirect", nullValue())
                .body(containsString("<code>/definition/performed/event</code>"));
        ws.admin().get("/v1/segments").then().statusCode(200).body("items.size()", is(0));

        apiSegment(ws, "taken", Map.of("tag", Map.of("has", "VIP")));
        dashboard.htmx().formParam("name", "taken").formParam("definition", BUYERS).post("/segments")
                .then().statusCode(200).header("HX-Redirect", nullValue())
                .body(containsString("<code>/name</code> A segment named &#39;taken&#39; already exists"));
    }

    @Test
    void anotherWorkspacesSegmentIsNotFoundAndUntouched() {
        TestWorkspace other = TestWorkspace.create();
        long theirs = apiSegment(other, "theirs", Map.of("tag", Map.of("has", "VIP")));
        dashboard.page().get("/segments/" + theirs).then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("No segment " + theirs));
        dashboard.page().get("/segments/" + theirs + "/edit").then().statusCode(404);
        dashboard.page().get("/segments/" + theirs + "/members").then().statusCode(404);
        dashboard.page().get("/segments/" + theirs + "/transitions").then().statusCode(404);
        dashboard.page().queryParam("customer_id", "anyone").get("/segments/" + theirs + "/transitions").then().statusCode(404);
        dashboard.page().get("/segments/" + theirs + "/recomputed").then().statusCode(404);
        dashboard.page().get("/segments/" + theirs + "/size").then().statusCode(404);
        dashboard.htmx().formParam("name", "mine now").formParam("definition", BUYERS).put("/segments/" + theirs)
                .then().statusCode(404);
        dashboard.htmx().post("/segments/" + theirs + "/pause").then().statusCode(200).header("HX-Refresh", nullValue())
                .body(containsString("No segment " + theirs));
        dashboard.htmx().delete("/segments/" + theirs).then().statusCode(200).header("HX-Redirect", nullValue());
        other.admin().get("/v1/segments/" + theirs).then().statusCode(200).body("name", is("theirs")).body("status", is("active"));
        dashboard.page().get("/segments").then().statusCode(200).body(not(containsString("theirs")));
    }

    @Test
    void theListShowsSizesAndStatesAndAnEmptyWorkspaceIsExplained() {
        dashboard.page().get("/segments").then().statusCode(200)
                .body(allOf(containsString("id=\"segments-empty\""), containsString("href=\"/segments/new?example=recent-buyers\"")));
        String buyer = unique("buyer");
        purchase(buyer);
        long id = apiSegment(ws, "Recent buyers", Map.of("performed", Map.of("event", "purchase", "window", Map.of("days", 30))));
        awaitMember(id, buyer);
        dashboard.page().get("/segments").then().statusCode(200)
                .body(allOf(containsString("<a href=\"/segments/" + id + "\">Recent buyers</a>"),
                        containsString("<td class=\"num\" data-size>1</td>"), containsString("badge good\">live"),
                        not(containsString("segments-empty"))));
        dashboard.page().get("/segments/" + id + "/members").then().statusCode(200)
                .body(containsString("href=\"/customers/" + buyer + "\""));
        dashboard.page().get("/segments/" + id + "/transitions").then().statusCode(200)
                .body(allOf(containsString("href=\"/customers/" + buyer + "\""), containsString("entered"), containsString("definition v1")));
        dashboard.page().queryParam("customer_id", buyer).get("/segments/" + id + "/transitions").then().statusCode(200)
                .body(allOf(containsString("Entries and exits of " + buyer), containsString("definition v1")));
        dashboard.page().queryParam("customer_id", "nobody here").get("/segments/" + id + "/transitions").then().statusCode(200)
                .body(allOf(containsString("role=\"alert\" id=\"transitions-problem\">No customer nobody here")));
        dashboard.page().get("/segments/" + id + "/size?interval=hour").then().statusCode(200)
                .body(containsString("aria-pressed=\"true\"\n            hx-get=\"/segments/" + id + "/size?interval=hour\""));
    }

    @Test
    void anEditKeepsTheStatusAndPauseResumeAndDeleteWork() {
        long id = apiSegment(ws, "before", Map.of("tag", Map.of("has", "VIP")));
        dashboard.page().get("/segments/" + id + "/edit").then().statusCode(200)
                .body(allOf(containsString("hx-put=\"/segments/" + id + "\""), containsString("value=\"before\""),
                        containsString("&quot;has&quot; : &quot;VIP&quot;")));

        dashboard.htmx().post("/segments/" + id + "/pause").then().statusCode(200).header("HX-Refresh", is("true"));
        assertEquals("paused", status(ws, id));
        dashboard.htmx().formParam("name", "after").formParam("definition", BUYERS).put("/segments/" + id)
                .then().statusCode(200).header("HX-Redirect", is("/segments/" + id));
        ws.admin().get("/v1/segments/" + id).then().statusCode(200).body("name", is("after")).body("status", is("paused"))
                .body("definition.performed.event", is("purchase"));
        dashboard.page().get("/segments/" + id).then().statusCode(200).body(containsString("id=\"resume\""));
        dashboard.htmx().post("/segments/" + id + "/resume").then().statusCode(200).header("HX-Refresh", is("true"));
        assertEquals("active", status(ws, id));

        long reader = apiSegment(ws, "reader", Map.of("in_segment", Map.of("id", id)));
        dashboard.htmx().delete("/segments/" + id).then().statusCode(200).header("HX-Redirect", nullValue())
                .body(allOf(containsString("role=\"alert\""), containsString("segment " + reader)));
        dashboard.htmx().delete("/segments/" + reader).then().statusCode(200).header("HX-Redirect", is("/segments"));
        ws.admin().get("/v1/segments/" + reader).then().statusCode(404);
        ws.admin().get("/v1/segments").then().statusCode(200).body("items.id", is(List.of((int) id)));
    }

    @Test
    void aPageOfASegmentBeingRecomputedReloadsWhenTheRecomputeEnds() throws Exception {
        long id = apiSegment(ws, "slow", Map.of("tag", Map.of("has", "VIP")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(
                ws.admin().get("/v1/segments/" + id).then().statusCode(200).extract().path("refresh.state")));
        dashboard.page().get("/segments/" + id).then().statusCode(200).body(not(containsString("recompute-poll")));
        dashboard.htmx().get("/segments/" + id + "/recomputed").then().statusCode(200).header("HX-Refresh", is("true"));

        try (Connection db = TestDatabase.connect();
             PreparedStatement running = db.prepareStatement("UPDATE segments SET refresh_state = 'running' WHERE id = ?")) {
            running.setLong(1, id);
            running.executeUpdate();
        }
        dashboard.page().get("/segments/" + id).then().statusCode(200)
                .body(allOf(containsString("id=\"segment-state\">recomputing"),
                        containsString("hx-get=\"/segments/" + id + "/recomputed\" hx-trigger=\"every 2s\"")));
        dashboard.htmx().get("/segments/" + id + "/recomputed").then().statusCode(204).header("HX-Refresh", nullValue());
    }

    private void awaitMember(long segment, String user) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(
                ws.admin().get("/v1/segments/" + segment + "/members/" + user).then().statusCode(200).extract().path("member")));
    }
}

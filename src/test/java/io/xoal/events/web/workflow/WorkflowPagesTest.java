package io.xoal.events.web.workflow;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.web.Browser;
import io.xoal.events.web.DashboardSession;
import io.xoal.events.workflow.WebhookReceiver;
import io.xoal.events.workflow.engine.WorkflowPoller;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Workflows tab over a workflow whose webhook the receiver refuses with 400 (the run fails at
 * once), retried from its run page: in a browser, and over HTTP for the CSRF header and workspaces.
 */
@QuarkusTest
class WorkflowPagesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL root;
    @Inject
    WorkflowPoller poller;

    private TestWorkspace ws;
    private WebhookReceiver receiver;
    private String name;
    private long workflow;

    @BeforeEach
    void failedRun() throws IOException {
        ws = TestWorkspace.create();
        receiver = new WebhookReceiver();
        receiver.answer(400);
        name = unique("Welcome");
        workflow = ws.admin().body(Map.of("name", name, "status", "active", "definition", Map.of(
                        "trigger", Map.of("event", "signed_up"),
                        "steps", List.of(Map.of("id", "hello", "type", "webhook", "url", receiver.url(), "next", "done"),
                                Map.of("id", "done", "type", "exit")))))
                .post("/v1/workflows").then().statusCode(201).extract().jsonPath().getLong("id");
        ws.ingest().body(Map.of("event", "signed_up", "messageId", unique("m"), "properties", Map.of("userId", "ada")))
                .post("/ingest/v1/event").then().statusCode(200);
        Awaitility.await().atMost(WAIT).until(() -> {
            poller.poll().await().atMost(WAIT);
            return "failed".equals(runState(runId()));
        });
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void listWorkflowAndRunLogThenRetryFromTheRunPage() {
        long run = runId();
        try (Browser browser = Browser.open(root)) {
            browser.signIn(ws.adminKey(), "/workflows");
            String row = browser.waitFor(By.id("workflow-" + workflow)).getText();
            assertThat(row, containsString(name));
            assertEquals("active event signed_up 1 1 0 0 1 0", row.substring(name.length()).replaceAll("\\s+", " ").trim(),
                    "status, trigger, version, entered, completed, exited, failed, active");
            browser.screenshot("workflows");

            browser.driver().findElement(By.linkText(name)).click();
            assertEquals("hello webhook " + receiver.url() + " done failed 1",
                    browser.waitFor(By.id("step-hello")).getText().replaceAll("\\s+", " ").trim());
            assertThat(browser.driver().findElement(By.id("run-" + run)).getText(), containsString("failed"));
            assertThat(browser.driver().findElement(By.id("run-" + run)).getText(), containsString("ada"));
            browser.screenshot("workflow");

            browser.driver().findElement(By.linkText("#" + run)).click();
            assertEquals("failed", browser.waitFor(By.id("run-state")).getText());
            assertThat(browser.driver().findElement(By.id("step-log")).getText(), containsString("the receiver answered 400"));
            browser.screenshot("workflow-run");

            receiver.answer(200);
            browser.driver().findElement(By.id("retry")).click();
            browser.waitFor(By.id("run-notice"));
            assertEquals("ready", browser.driver().findElement(By.id("run-state")).getText());
            assertEquals(0, browser.driver().findElements(By.id("retry")).size(), "a ready run has no Retry button");

            Awaitility.await().atMost(WAIT).until(() -> {
                poller.poll().await().atMost(WAIT);
                return "completed".equals(runState(run));
            });
            browser.go("/workflows/runs/" + run);
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.textToBe(By.id("run-state"), "completed"));
            assertEquals(2, receiver.received().size());
        }
    }

    @Test
    void retryNeedsTheCsrfHeaderAndAnotherWorkspacesRunIsNotFound() {
        long run = runId();
        DashboardSession mine = DashboardSession.signIn(ws.adminKey());
        mine.page().post("/workflows/runs/" + run + "/retry").then().statusCode(403);
        assertEquals("failed", runState(run), "a refused retry changes nothing");

        DashboardSession other = DashboardSession.signIn(TestWorkspace.create().adminKey());
        other.page().get("/workflows/runs/" + run).then().statusCode(404).contentType(containsString("text/html"));
        other.htmx().post("/workflows/runs/" + run + "/retry").then().statusCode(404);
        other.page().get("/workflows/" + workflow).then().statusCode(404);
        assertEquals("failed", runState(run));

        mine.htmx().post("/workflows/runs/" + run + "/retry").then().statusCode(200)
                .body(containsString("id=\"run-state\">ready</span>"));
        mine.htmx().post("/workflows/runs/" + run + "/retry").then().statusCode(200)
                .body(containsString("role=\"alert\""), containsString("only a failed run can be retried"));
    }

    @Test
    void aWorkspaceWithoutWorkflowsIsToldHowToCreateOne() {
        DashboardSession empty = DashboardSession.signIn(TestWorkspace.create().adminKey());
        empty.page().get("/workflows").then().statusCode(200)
                .body(containsString("id=\"workflows-empty\""), containsString("/v1/workflows -H &quot;Authorization: Bearer adm_…&quot;"));
    }

    @Test
    void pagesStayOutOfTheOpenApiDocument() {
        Map<String, Object> paths = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        assertTrue(paths.keySet().stream().noneMatch(p -> p.startsWith("/workflows") || p.startsWith("/analytics")), paths.keySet().toString());
    }

    private long runId() {
        List<Map<String, Object>> runs = ws.admin().get("/v1/workflows/" + workflow + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return runs.isEmpty() ? -1 : ((Number) runs.get(0).get("id")).longValue();
    }

    private String runState(long run) {
        return run < 0 ? null : ws.admin().get("/v1/workflow-runs/" + run).then().statusCode(200).extract().jsonPath().getString("state");
    }
}

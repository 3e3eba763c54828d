package io.xoal.events.web.segment;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.web.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Segments tab in a real browser: write a definition, watch its preview and backtest, create it, read its page. */
@QuarkusTest
class SegmentPagesTest {

    private static final Duration SLOW = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL root;

    private void track(TestWorkspace ws, String user, String event) {
        ws.ingest().body(Map.of("event", event, "properties", Map.of("userId", user))).post("/ingest/v1/event")
                .then().statusCode(200);
    }

    private static void awaitText(Browser browser, By by, String text) {
        // htmx may swap the element between finding it and reading it: look again.
        new WebDriverWait(browser.driver(), SLOW).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(by).stream().anyMatch(e -> e.getText().contains(text)));
    }

    private static void awaitChart(Browser browser, String id) {
        new WebDriverWait(browser.driver(), SLOW).ignoring(StaleElementReferenceException.class)
                .until(d -> browser.canvasDrawn(d.findElement(By.id(id))));
    }

    @Test
    void aSegmentWrittenInTheEditorIsPreviewedCreatedAndShownWithItsSizeAndMembers() {
        TestWorkspace ws = TestWorkspace.create();
        String ada = unique("ada");
        String bob = unique("bob");
        track(ws, ada, "signup");
        track(ws, bob, "signup");
        track(ws, unique("cy"), "purchase");

        try (Browser browser = Browser.open(root)) {
            browser.signIn(ws.adminKey(), "/segments");
            browser.waitFor(By.id("segments-empty"));
            browser.driver().findElement(By.id("new-segment")).click();

            // The example (purchases in the last 30 days) is previewed as soon as the editor opens: one buyer.
            awaitText(browser, By.id("preview-count"), "1");
            WebElement definition = browser.driver().findElement(By.id("definition"));
            definition.clear();
            definition.sendKeys("{\"performed\": {\"event\": \"signup\", \"window\": {\"days\": -1}}}");
            awaitText(browser, By.cssSelector("#definition-errors li"), "/definition/performed/window/days");
            definition.clear();
            definition.sendKeys("{\"performed\": {\"event\": \"signup\", \"window\": {\"days\": 30}}}");
            awaitText(browser, By.id("preview-count"), "2");
            assertEquals("2", browser.driver().findElement(By.id("preview-count")).getText());
            assertTrue(browser.driver().findElements(By.cssSelector("#definition-errors li")).isEmpty(), "the error is gone");
            assertEquals(1, browser.driver().findElements(By.cssSelector("#preview-sample a[href='/customers/" + ada + "']")).size());
            assertEquals(1, browser.driver().findElements(By.cssSelector("#preview-sample a[href='/customers/" + bob + "']")).size());
            awaitChart(browser, "backtest-chart");
            browser.driver().findElement(By.id("name")).sendKeys("Signed up lately");
            browser.screenshot("segment-editor");

            browser.driver().findElement(By.id("save")).click();
            new WebDriverWait(browser.driver(), SLOW).until(d -> d.getCurrentUrl().matches(".*/segments/\\d+$"));
            assertEquals("Signed up lately", browser.waitFor(By.id("segment-name")).getText());

            // Its members are computed in the background: the page reloads itself when the recompute is done.
            awaitText(browser, By.id("segment-state"), "live");
            browser.waitFor(By.cssSelector("#members-table a[href='/customers/" + ada + "']"));
            assertEquals(1, browser.driver().findElements(By.cssSelector("#members-table a[href='/customers/" + bob + "']")).size());
            assertEquals("2 members now", browser.driver().findElement(By.id("segment-size")).getText());
            awaitText(browser, By.id("transitions-table"), "entered");
            awaitChart(browser, "size-chart");
            browser.script("document.getElementById('size-title').scrollIntoView()");
            browser.screenshot("segment");

            browser.driver().findElement(By.id("transitions-customer")).sendKeys(bob);
            awaitText(browser, By.id("transitions-title"), "Entries and exits of " + bob);
            assertEquals(1, browser.driver().findElements(By.cssSelector("#transitions-table tbody tr")).size(), "bob's entry only");

            browser.driver().findElement(By.id("size-hours")).click();
            awaitText(browser, By.cssSelector("#size figcaption"), "each hour");
            awaitChart(browser, "size-chart");

            browser.go("/segments");
            WebElement row = browser.waitFor(By.cssSelector("#segments tbody tr"));
            assertTrue(row.getText().contains("Signed up lately"), row.getText());
            assertEquals("2", row.findElement(By.cssSelector("[data-size]")).getText());
            browser.screenshot("segments");
        }
    }
}

package io.xoal.events.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Events tab, the event's JSON, the rejected tab and the customer profile, in headless Chromium. */
@QuarkusTest
class EventsTabBrowserTest {

    @TestHTTPResource("/")
    URL root;

    private TestWorkspace ws;
    private Browser browser;

    @BeforeEach
    void open() {
        ws = TestWorkspace.create();
        browser = Browser.open(root);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void anIngestedEventAppearsLiveItsJsonOpensAndTheProfileShowsIt() {
        browser.signIn(ws.adminKey());
        browser.waitFor(By.id("events-empty"));
        assertTrue(browser.driver().getPageSource().contains("ing_"), "the empty state shows the ingestion key prefix");
        browser.screenshot("events-empty");
        browser.waitFor(By.id("live"));
        waitForStream();

        String customer = unique("ada");
        ingest(customer, "signed_up", Map.of("plan", "pro"));
        WebElement row = browser.waitFor(By.cssSelector("#events-body tr"), Duration.ofSeconds(2));
        assertTrue(row.getText().contains("signed_up"), row.getText());
        assertTrue(row.getText().contains(customer), row.getText());

        ingest(customer, "upgraded", Map.of("plan", "team"));
        browser.waitFor(By.xpath("//tbody[@id='events-body']/tr[1][contains(., 'upgraded')]"), Duration.ofSeconds(2));
        browser.screenshot("events");

        browser.driver().findElement(By.xpath("//tbody[@id='events-body']/tr[1]//button")).click();
        WebElement json = browser.waitFor(By.id("event-json"));
        assertTrue(json.getText().contains("\"plan\" : \"team\""), json.getText());
        assertTrue(json.getText().contains("\"message_id\""), json.getText());
        browser.screenshot("event-json");

        browser.driver().findElement(By.id("event-subject")).click();
        browser.waitFor(By.id("customer-events"));
        List<WebElement> events = browser.driver().findElements(By.cssSelector("#customer-events tbody tr"));
        assertEquals(2, events.size());
        assertTrue(events.get(0).getText().contains("upgraded"));
        browser.screenshot("customer");

        browser.go("/customers?q=" + customer);
        assertEquals(1, browser.driver().findElements(By.cssSelector("#customers tbody tr")).size());
        browser.go("/customers");
        browser.screenshot("customers");
    }

    @Test
    void pauseHoldsNewEventsUntilResumeAndFiltersApplyToTheLiveStream() {
        browser.signIn(ws.adminKey());
        browser.go("/events?name=purchase");
        waitForStream();
        String customer = unique("bo");
        browser.driver().findElement(By.id("pause")).click();
        ingest(customer, "purchase", Map.of("price", 23));
        browser.waitFor(By.xpath("//*[@id='held'][contains(., '1 new while paused')]"), Duration.ofSeconds(3));
        assertEquals(0, browser.driver().findElements(By.cssSelector("#events-body tr")).size());

        ingest(customer, "page_viewed", Map.of());
        browser.driver().findElement(By.id("pause")).click();
        browser.waitFor(By.cssSelector("#events-body tr"));
        ingest(customer, "purchase", Map.of("price", 5));
        browser.waitFor(By.xpath("//tbody[@id='events-body']/tr[2]"), Duration.ofSeconds(2));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#events-body tr"));
        assertEquals(2, rows.size(), "page_viewed does not match the filter");
        rows.forEach(r -> assertTrue(r.getText().contains("purchase"), r.getText()));
    }

    @Test
    void theTabShowsTheLast1000EventsNewestFirst() {
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 1050; i++) {
            batch.add(Map.of("event", "e" + i, "properties", Map.of("userId", "u" + (i % 7))));
        }
        ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        browser.signIn(ws.adminKey());
        browser.waitFor(By.xpath("//tbody[@id='events-body']/tr[contains(., 'narrow the time range')]"));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#events-body tr[data-id]"));
        assertEquals(1000, rows.size());
        assertTrue(rows.get(0).getText().contains("e1049"), rows.get(0).getText());
        assertTrue(rows.get(999).getText().contains("e50"), rows.get(999).getText());
    }

    @Test
    void rejectedItemsShowTheirErrorsAndSignOutDeniesAccess() {
        ws.ingest().body(List.of(Map.of("properties", Map.of("userId", "u1")))).post("/ingest/v1/event");
        browser.signIn(ws.adminKey());
        browser.go("/events/rejected");
        WebElement table = browser.waitFor(By.id("rejected"));
        assertTrue(table.getText().contains("/0/event") || table.getText().contains("event"), table.getText());
        browser.screenshot("rejected");

        browser.driver().findElement(By.id("sign-out")).click();
        browser.waitFor(By.id("key"));
        browser.go("/events");
        browser.waitFor(By.id("key"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/sign-in"));
        browser.screenshot("sign-in");
    }

    /** Waits until the page's SSE connection is open, so that what is ingested next must arrive over it. */
    private void waitForStream() {
        browser.script("document.body.addEventListener('htmx:sseOpen', () => document.body.dataset.sse = 'open')");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> "open".equals(browser.script("return document.body.dataset.sse"))
                        || Boolean.TRUE.equals(browser.script("return !!document.querySelector('[sse-connect]') && "
                        + "document.querySelector('[sse-connect]')['htmx-internal-data'] && "
                        + "document.querySelector('[sse-connect]')['htmx-internal-data'].sseEventSource && "
                        + "document.querySelector('[sse-connect]')['htmx-internal-data'].sseEventSource.readyState === 1")));
    }

    private void ingest(String customer, String name, Map<String, Object> properties) {
        Map<String, Object> props = new java.util.HashMap<>(properties);
        props.put("userId", customer);
        ws.ingest().body(Map.of("event", name, "properties", props)).post("/ingest/v1/event").then().statusCode(200);
    }
}

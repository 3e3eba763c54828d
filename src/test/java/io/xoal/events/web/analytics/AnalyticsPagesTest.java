package io.xoal.events.web.analytics;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.analytics.AnalyticsData;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Analytics tab in a browser over known events (UTC, October 2026; the 5th is a Monday):
 * sign-ups of u1, u2 (5th), u3 (6th), u4 (12th); upgrades of u1 (6th) and u3 (7th); logins of
 * u1 three times on the 5th, u2 on the 6th, u1, u3, u4 on the 13th, u1 on the 20th.
 */
@QuarkusTest
class AnalyticsPagesTest {

    @TestHTTPResource("/")
    URL root;

    private TestWorkspace ws;
    private Browser browser;

    @BeforeEach
    void data() {
        ws = new AnalyticsData()
                .event("signed_up", "u1", "2026-10-05T09:00:00Z").event("signed_up", "u2", "2026-10-05T10:00:00Z")
                .event("signed_up", "u3", "2026-10-06T09:00:00Z").event("signed_up", "u4", "2026-10-12T09:00:00Z")
                .event("upgraded", "u1", "2026-10-06T09:00:00Z").event("upgraded", "u3", "2026-10-07T09:00:00Z")
                .event("login", "u1", "2026-10-05T11:00:00Z").event("login", "u1", "2026-10-05T12:00:00Z")
                .event("login", "u1", "2026-10-05T13:00:00Z").event("login", "u2", "2026-10-06T11:00:00Z")
                .event("login", "u1", "2026-10-13T11:00:00Z").event("login", "u3", "2026-10-13T11:00:00Z")
                .event("login", "u4", "2026-10-13T11:00:00Z").event("login", "u1", "2026-10-20T11:00:00Z")
                .ingest();
        browser = Browser.open(root);
        browser.signIn(ws.adminKey(), "/analytics");
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void trendsChartTheEventsPerDayWithTheirNumbersInATable() {
        browser.go("/analytics?events=signed_up,login&from=2026-10-05&to=2026-10-08&interval=day&tz=UTC");
        WebElement chart = browser.waitFor(By.cssSelector("#trends-chart canvas"));
        assertTrue(browser.canvasDrawn(browser.driver().findElement(By.id("trends-chart"))), "the chart is drawn");
        assertEquals(List.of("Bucket (UTC)", "signed_up", "login"), browser.driver().findElements(By.cssSelector("#trends-table thead th"))
                .stream().map(th -> th.getAttribute("textContent")).toList());
        assertEquals(List.of("2026-10-05 2 3", "2026-10-06 1 1", "2026-10-07 0 0"), texts("#trends-table tbody tr"));
        assertEquals("Total 3 4", text("#trends-table tfoot tr"));
        assertThat(text("#trends-zone"), containsString("UTC"));
        assertTrue(chart.isDisplayed());
        browser.screenshot("analytics-trends");

        browser.go("/analytics?events=login&from=2026-10-05&to=2026-10-07&tz=Europe/Berlin");
        assertThat(browser.waitFor(By.id("trends-zone")).getText(), containsString("Europe/Berlin"));
        assertEquals(List.of("2026-10-05 3", "2026-10-06 1"), texts("#trends-table tbody tr"), "local days of Berlin");

        browser.go("/analytics?events=login&from=2026-10-12&to=2026-10-15&interval=day&measure=uniques&compare=previous");
        browser.waitFor(By.cssSelector("#trends-chart canvas"));
        assertEquals(List.of("2026-10-12 0 0", "2026-10-13 3 0", "2026-10-14 0 0"), texts("#trends-table tbody tr"),
                "uniques, beside the previous three days' (the 9th to 11th: none)");
        assertEquals(1, ((Number) browser.script("return JSON.parse(document.querySelector('#trends-chart script').textContent)"
                + ".series.filter(s => s.dashed).length")).intValue(), "the previous period is one dashed series");
    }

    @Test
    void badInputIsAnAlertOnThePage() {
        browser.go("/analytics?events=login&from=2026-10-40&tz=Mars/Olympus");
        assertThat(browser.waitFor(By.cssSelector("[role=alert]")).getText(), containsString("tz"));
        browser.go("/analytics/retention?cohort_event=signed_up&periods=99");
        assertThat(browser.waitFor(By.cssSelector("[role=alert]")).getText(), containsString("periods: must be 1 to 60"));
        browser.go("/analytics/funnel?step=signed_up&step=&window=x");
        assertThat(browser.waitFor(By.cssSelector("[role=alert]")).getText(), containsString("window"));
        browser.go("/analytics/funnel?step=signed_up&step=upgraded&window=2&unit=weeks");
        assertThat(browser.waitFor(By.cssSelector("[role=alert]")).getText(), containsString("unit must be days, hours or minutes"));
    }

    @Test
    void funnelShowsEnteredAndConvertedPerStep() {
        browser.go("/analytics/funnel?step=signed_up&step=upgraded&window=14&unit=days&from=2026-10-01&to=2026-11-01");
        browser.waitFor(By.id("funnel-table"));
        assertEquals(List.of("1 signed_up 4 2 100.0 % 100.0 % –", "2 upgraded 2 – 50.0 % 50.0 % 1 d 0 h"), texts("#funnel-table tbody tr"));
        assertEquals(List.of("100.0", "50.0"), browser.driver().findElements(By.cssSelector("#funnel-bars .bar")).stream()
                .map(bar -> bar.getAttribute("data-width")).toList());
        assertTrue(browser.driver().findElement(By.cssSelector("#funnel-bars .bar")).getSize().getWidth() > 0, "app.js sized the bars");
        browser.script("document.getElementById('funnel-bars').scrollIntoView({block: 'center'})");
        browser.screenshot("analytics-funnel");

        browser.go("/analytics/funnel?step=signed_up&step=upgraded&property=&value=&property=plan&value=pro&from=2026-10-01&to=2026-11-01");
        assertEquals("2 upgraded 0 – 0.0 % 0.0 %", normalized(browser.waitFor(By.cssSelector("#funnel-table tbody tr:nth-child(2)"))),
                "no upgrade has plan = pro");
    }

    @Test
    void retentionGridShowsEachCohortsReturnsAsHeatCells() {
        browser.go("/analytics/retention?cohort_event=signed_up&return_event=login&interval=week&periods=3&from=2026-10-05");
        browser.waitFor(By.id("retention-grid"));
        assertEquals(List.of("2026-10-05 3 66.7 % 66.7 % 33.3 %", "2026-10-12 1 100.0 % 0.0 %", "2026-10-19 0 0.0 %"),
                texts("#retention-grid tbody tr"));
        WebElement first = browser.driver().findElement(By.cssSelector("#retention-grid tbody tr:first-child td:nth-of-type(2)"));
        assertEquals("2 of 3 customers", first.getAttribute("title"));
        assertThat(first.getAttribute("class"), containsString("heat-7"));
        WebElement full = browser.driver().findElement(By.cssSelector("#retention-grid tbody tr:nth-child(2) td:nth-of-type(2)"));
        assertThat(full.getAttribute("class"), containsString("heat-10"));
        browser.screenshot("analytics-retention");
    }

    @Test
    void frequencyBarsStickinessAndTopEvents() {
        browser.go("/analytics/frequency?event=login&from=2026-10-01&to=2026-11-01");
        browser.waitFor(By.id("frequency-bars"));
        assertEquals(List.of("1 time 3 (75.0 %)", "2-5 times 1 (25.0 %)", "6-20 times 0 (0.0 %)", "21+ times 0 (0.0 %)"),
                texts("#frequency-bars .bar-row"));
        assertEquals("4.8 %", text("#stickiness"), "mean daily uniques 6/31 over 4 customers");
        assertTrue(browser.canvasDrawn(browser.waitFor(By.cssSelector("#stickiness-chart"))), "the stickiness chart is drawn");
        browser.screenshot("analytics-frequency");

        browser.go("/analytics/top-events?from=2026-10-01&to=2026-11-01");
        assertEquals(List.of("login 8 4", "signed_up 4 4", "upgraded 2 2"), texts("#top-events tbody tr"));
    }

    @Test
    void aWorkspaceWithoutEventsIsToldHowToSendOne() {
        TestWorkspace empty = TestWorkspace.create();
        try (Browser other = Browser.open(root)) {
            other.signIn(empty.adminKey(), "/analytics");
            assertThat(other.waitFor(By.id("analytics-empty")).getText(), containsString("/ingest/v1/event -H \"Authorization: Bearer ing_…\""));
            other.go("/analytics/funnel");
            other.waitFor(By.id("analytics-empty"));
        }
    }

    private List<String> texts(String css) {
        return browser.driver().findElements(By.cssSelector(css)).stream().map(AnalyticsPagesTest::normalized).toList();
    }

    private static String normalized(WebElement element) {
        return element.getText().replaceAll("\\s+", " ").trim();
    }

    private String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }
}

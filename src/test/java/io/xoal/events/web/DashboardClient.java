package io.xoal.events.web;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Signing in to the dashboard from tests: over HTTP (the session cookie and its CSRF token), and in a browser. */
public record DashboardClient(String session, String csrf) {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("\"X-CSRF-Token\": \"([^\"]+)\"");

    /** Signs in with the sign-in form's own double-submit token and reads the CSRF token from {@code page}. */
    public static DashboardClient signIn(String adminKey, String page) {
        Response form = given().get("/sign-in");
        String formToken = first(FORM_TOKEN, form.asString());
        String session = given().redirects().follow(false).cookie("xoal_signin", form.getCookie("xoal_signin"))
                .formParam("key", adminKey).formParam("form_token", formToken)
                .post("/sign-in").then().statusCode(303).extract().cookie("xoal_session");
        String csrf = first(CSRF, given().cookie("xoal_session", session).get(page).then().statusCode(200).extract().asString());
        return new DashboardClient(session, csrf);
    }

    /** Requests with the session cookie only (no CSRF header). */
    public RequestSpecification cookieOnly() {
        return given().redirects().follow(false).cookie("xoal_session", session);
    }

    /** Requests as htmx sends them: the cookie and the CSRF header. */
    public RequestSpecification htmx() {
        return cookieOnly().header("X-CSRF-Token", csrf).header("HX-Request", "true");
    }

    /**
     * Signs a browser in through the form, then opens {@code page} and waits for its layout (the
     * Events tab, where sign-in lands, belongs to another change and may not exist here).
     */
    public static void signIn(Browser browser, String adminKey, String page) {
        browser.go("/sign-in");
        browser.driver().findElement(By.id("key")).sendKeys(adminKey);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> !d.getCurrentUrl().endsWith("/sign-in"));
        browser.go(page);
        browser.waitFor(By.id("sign-out"));
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + pattern + " in " + text);
        }
        return m.group(1);
    }
}

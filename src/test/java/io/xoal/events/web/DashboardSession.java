package io.xoal.events.web;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** A dashboard sign-in made over plain HTTP, as a browser does it: the form's token, then the session cookie. */
public record DashboardSession(String cookie, String csrf) {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("\"X-CSRF-Token\": \"([^\"]+)\"");

    /** Loads the sign-in form and posts the key with the form's token and cookie. */
    public static Response postSignIn(String key) {
        Response form = given().redirects().follow(false).get("/sign-in");
        return given().redirects().follow(false)
                .cookie("xoal_signin", form.cookie("xoal_signin"))
                .formParam("key", key)
                .formParam("form_token", match(FORM_TOKEN, form.asString()))
                .post("/sign-in");
    }

    public static DashboardSession signIn(String adminKey) {
        Response signedIn = postSignIn(adminKey);
        if (signedIn.statusCode() != 303) {
            throw new AssertionError("sign-in answered " + signedIn.statusCode() + ": " + signedIn.asString());
        }
        String cookie = signedIn.cookie(SessionFilter.COOKIE);
        String page = given().cookie(SessionFilter.COOKIE, cookie).get("/events").then().statusCode(200).extract().asString();
        return new DashboardSession(cookie, match(CSRF, page));
    }

    /** A request as a page load sends it: the session cookie only, no CSRF token. */
    public RequestSpecification page() {
        return given().redirects().follow(false).cookie(SessionFilter.COOKIE, cookie);
    }

    /** A request as htmx sends it from a dashboard page: cookie and CSRF header. */
    public RequestSpecification htmx() {
        return page().header(SessionFilter.CSRF_HEADER, csrf).header("HX-Request", "true");
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + pattern + " in " + text);
        }
        return m.group(1);
    }
}

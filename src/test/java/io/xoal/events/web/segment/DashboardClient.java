package io.xoal.events.web.segment;

import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** A dashboard session for RestAssured: signed in through the sign-in form, with the page's CSRF token. */
record DashboardClient(String session, String csrf) {

    private static final Pattern CSRF = Pattern.compile("\"X-CSRF-Token\": \"([^\"]+)\"");

    static DashboardClient signIn(String adminKey) {
        String formToken = given().get("/sign-in").then().statusCode(200).extract().cookie("xoal_signin");
        String session = given().cookie("xoal_signin", formToken)
                .formParam("key", adminKey).formParam("form_token", formToken)
                .redirects().follow(false)
                .post("/sign-in").then().statusCode(303).extract().cookie("xoal_session");
        String page = given().cookie("xoal_session", session).get("/segments").then().statusCode(200).extract().asString();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the page: " + page);
        }
        return new DashboardClient(session, csrf.group(1));
    }

    /** A request as a page load sends it: the session cookie only. */
    RequestSpecification page() {
        return given().cookie("xoal_session", session).redirects().follow(false);
    }

    /** A request as htmx sends it from a page: the cookie, the CSRF header and HX-Request. */
    RequestSpecification htmx() {
        return page().header("X-CSRF-Token", csrf).header("HX-Request", "true");
    }
}

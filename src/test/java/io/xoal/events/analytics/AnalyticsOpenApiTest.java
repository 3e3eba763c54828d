package io.xoal.events.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class AnalyticsOpenApiTest {

    @Test
    void everyAnalyticsEndpointIsDocumentedWithItsExamples() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/analytics/trends'.get.parameters.find { it.name == 'events' }.example", notNullValue())
                .body("paths.'/v1/analytics/top-events'.get.summary", notNullValue())
                .body("paths.'/v1/analytics/frequency'.get.summary", notNullValue())
                .body("paths.'/v1/analytics/stickiness'.get.summary", notNullValue())
                .body("paths.'/v1/analytics/funnels'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/v1/analytics/retention'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/v1/analytics/funnels'.post.security", notNullValue())
                .body(containsString("Sign-up to upgrade in 7 days"));
    }

    @Test
    void theExampleBodiesAreValidQuestions() {
        TestWorkspace ws = TestWorkspace.create();
        ws.admin().body(AnalyticsExamples.FUNNEL).post("/v1/analytics/funnels").then().statusCode(200)
                .body("tz", is("Europe/Berlin"))
                .body("steps.entered", contains(0, 0, 0));
        ws.admin().body(AnalyticsExamples.RETENTION).post("/v1/analytics/retention").then().statusCode(200)
                .body("cohorts.size", contains(0, 0, 0, 0, 0, 0, 0, 0));
    }
}

package io.xoal.events.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OpenApiTest {

    @Test
    void servesTheApiDocumentWithTheIngestSampleAndEveryCapability() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", notNullValue())
                .body("paths.'/ingest/v1/event'.post.requestBody", notNullValue())
                .body("paths.'/v1/events'.get", notNullValue())
                .body("paths.'/v1/customers/{id}'.put", notNullValue())
                .body("paths.'/v1/objects/{type}/{id}'.get", notNullValue())
                .body("paths.'/v1/keys'.post", notNullValue())
                .body(containsString("user upgraded"));
    }

    @Test
    void healthIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Reactive PostgreSQL"));
    }
}

package io.xoal.events.common;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A fresh workspace per test, created through the API with the bootstrap admin key. */
public record TestWorkspace(long id, String adminKey, String ingestKey, String browserKey) {

    public static final String BOOTSTRAP_ADMIN_KEY = "adm_testbootstrapadminkey00000000000";

    public static TestWorkspace create() {
        Map<String, Object> body = given()
                .header("Authorization", "Bearer " + BOOTSTRAP_ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "test " + UUID.randomUUID()))
                .post("/v1/workspaces")
                .then().statusCode(201)
                .extract().as(Map.class);
        return new TestWorkspace(((Number) body.get("id")).longValue(),
                (String) body.get("admin_key"), (String) body.get("ingest_key"), (String) body.get("browser_key"));
    }

    public RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + adminKey).contentType(ContentType.JSON);
    }

    public RequestSpecification ingest() {
        return given().header("Authorization", "Bearer " + ingestKey).contentType(ContentType.JSON);
    }

    /** Requests with the browser write key (pub_…) as HTTP Basic user name, as Segment's SDKs send a write key. */
    public RequestSpecification browser() {
        return given().auth().preemptive().basic(browserKey, "").contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}

package io.xoal.events.ingest.identity;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.xoal.events.common.TestWorkspace;

import java.net.URL;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The dialects' clients that identity tests speak: Customer.io (HTTPS, Basic site_id:key), Segment, Xoal. */
record IngestClients(TestWorkspace ws, URL https) {

    RequestSpecification customerIo() {
        return given().baseUri(https.toString().replaceAll("/$", "")).port(https.getPort())
                .relaxedHTTPSValidation()
                .auth().preemptive().basic(Long.toString(ws.id()), ws.ingestKey())
                .contentType(ContentType.JSON);
    }

    RequestSpecification segment() {
        return given().auth().preemptive().basic(ws.ingestKey(), "").contentType(ContentType.JSON);
    }

    void track(String user, String name) {
        ws.ingest().body(Map.of("event", name, "properties", Map.of("userId", user))).post("/ingest/v1/event")
                .then().statusCode(200);
    }

    void merge(String primary, String secondary) {
        customerIo().body(Map.of("primary", Map.of("id", primary), "secondary", Map.of("id", secondary)))
                .post("/api/v1/merge_customers").then().statusCode(200);
    }
}

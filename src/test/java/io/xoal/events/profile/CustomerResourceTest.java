package io.xoal.events.profile;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CustomerResourceTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void upsertCreatesThenMergesAttributes() {
        String id = unique("c");
        ws.admin().body(Map.of("email", "ada@example.com", "first_name", "Ada", "language", "english",
                        "timezone", "Europe/London", "contact_type", "lead", "attributes", Map.of("plan", "free", "seats", 3),
                        "tags", List.of("VIP")))
                .put("/v1/customers/" + id)
                .then().statusCode(201).header("Location", notNullValue())
                .body("usid", notNullValue(), "language", is("English"), "added_via", is("api"), "created_at", notNullValue());

        java.util.Map<String, Object> changes = new java.util.HashMap<>();
        changes.put("plan", "pro");
        changes.put("seats", null);
        ws.admin().body(Map.of("last_name", "Lovelace", "attributes", changes)).put("/v1/customers/" + id)
                .then().statusCode(200)
                .body("first_name", is("Ada"), "last_name", is("Lovelace"), "attributes.plan", is("pro"),
                        "attributes.seats", nullValue(), "tags", contains("VIP"), "timezone", is("Europe/London"));
    }

    @Test
    void rejectsInvalidBuiltInAttributesNamingTheField() {
        String id = unique("c");
        ws.admin().body(Map.of("timezone", "Mars/Olympus")).put("/v1/customers/" + id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("/timezone"));
        ws.admin().body(Map.of("language", "en")).put("/v1/customers/" + id)
                .then().statusCode(400).body("errors[0].field", is("/language"));
        ws.admin().body(Map.of("email", "not-an-email")).put("/v1/customers/" + id)
                .then().statusCode(400).body("errors[0].field", is("/email"));
        ws.admin().body(Map.of("contact_type", "vip")).put("/v1/customers/" + id)
                .then().statusCode(400).body("errors[0].field", is("/contact_type"));
        ws.admin().body(Map.of("attributes", Map.of("k", "a\u0000b"))).put("/v1/customers/" + id)
                .then().statusCode(400).body("errors[0].field", is("/attributes/k"));
        ws.admin().body("{\"joined_date\": \"2026-01-01T00:00:00Z\"}x").put("/v1/customers/" + id).then().statusCode(400);
        ws.admin().body(Map.of("firstname", "Ada")).put("/v1/customers/" + id)
                .then().log().ifValidationFails().statusCode(400).body("errors[0].field", is("/firstname"));
        ws.admin().get("/v1/customers/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void searchesByEmailTagAndAttribute() {
        String tag = unique("tag");
        String a = unique("a");
        String b = unique("b");
        ws.admin().body(Map.of("email", a + "@x.io", "tags", List.of(tag), "attributes", Map.of("plan", "pro"))).put("/v1/customers/" + a);
        ws.admin().body(Map.of("email", b + "@x.io", "attributes", Map.of("plan", "free"))).put("/v1/customers/" + b);

        ws.admin().get("/v1/customers?tag=" + tag).then().body("items.id", contains(a));
        ws.admin().get("/v1/customers?attribute=plan:free").then().body("items.id", contains(b));
        ws.admin().get("/v1/customers?email=" + b.toUpperCase() + "@X.IO").then().body("items.id", contains(b));
        ws.admin().get("/v1/customers?limit=1").then().body("items.id", contains(b)).body("next_cursor", notNullValue());
        String cursor = ws.admin().get("/v1/customers?limit=1").then().extract().path("next_cursor");
        ws.admin().get("/v1/customers?limit=1&cursor=" + cursor).then().body("items.id", contains(a));
    }

    @Test
    void addsAndRemovesTagsAndReadsByEmailOrUsid() {
        String id = unique("c");
        Integer usid = ws.admin().body(Map.of("email", id + "@x.io")).put("/v1/customers/" + id).then().extract().path("usid");
        ws.admin().body(Map.of("tags", List.of("VIP", "Prospects"))).post("/v1/customers/" + id + "/tags")
                .then().statusCode(200).body("tags", contains("VIP", "Prospects"));
        ws.admin().delete("/v1/customers/" + id + "/tags/VIP").then().statusCode(200).body("tags", contains("Prospects"));
        ws.admin().get("/v1/customers/" + id + "@x.io?id_type=email").then().body("id", is(id));
        ws.admin().get("/v1/customers/" + usid + "?id_type=usid").then().body("id", is(id));
        ws.admin().get("/v1/customers/x?id_type=phone").then().statusCode(400).body("errors[0].field", is("/id_type"));
    }

    @Test
    void deletingACustomerDeletesTheirEvents() {
        String id = unique("c");
        ws.ingest().body(List.of(Map.of("event", "a", "properties", Map.of("userId", id)),
                        Map.of("event", "b", "properties", Map.of("userId", id))))
                .post("/ingest/v1/event").then().statusCode(200);
        ws.admin().get("/v1/events?subject_type=customer&subject_id=" + id).then().body("items", hasSize(2));

        ws.admin().delete("/v1/customers/" + id).then().statusCode(204);

        ws.admin().get("/v1/customers/" + id).then().statusCode(404);
        ws.admin().get("/v1/events").then().body("items", hasSize(0));
    }

    @Test
    void companiesHaveAttributesAndRelatedCustomers() {
        String company = unique("acme");
        String customer = unique("c");
        ws.admin().body(Map.of("name", "Acme", "attributes", Map.of("seats", 40))).put("/v1/companies/" + company)
                .then().statusCode(200).body("name", is("Acme"), "attributes.seats", is(40));
        ws.admin().body(Map.of()).put("/v1/customers/" + customer).then().statusCode(201);
        ws.admin().put("/v1/companies/" + company + "/customers/" + customer).then().statusCode(204);
        ws.admin().get("/v1/companies/" + company + "/customers").then().body("items.id", contains(customer));
        ws.admin().get("/v1/companies").then().body("items.id", hasItem(company));
        ws.admin().delete("/v1/companies/" + company + "/customers/" + customer).then().statusCode(204);
        ws.admin().get("/v1/companies/" + company + "/customers").then().body("items", hasSize(0));
        ws.admin().put("/v1/companies/" + company + "/customers/nobody").then().statusCode(404);
        ws.admin().delete("/v1/companies/" + company).then().statusCode(204);
        ws.admin().get("/v1/companies/" + company).then().statusCode(404);
    }

    @Test
    void customObjectsAreKeptPerType() {
        String id = unique("c");
        ws.admin().body(Map.of("attributes", Map.of("title", "SQL"))).put("/v1/objects/course/" + id)
                .then().statusCode(200).body("type", is("course"), "attributes.title", is("SQL"));
        ws.admin().get("/v1/objects/course/" + id).then().statusCode(200);
        ws.admin().get("/v1/objects/book/" + id).then().statusCode(404);
        ws.admin().get("/v1/objects/course").then().body("items.id", contains(id));
        ws.admin().get("/v1/objects/Bad-Type").then().statusCode(400).body("errors[0].field", is("/type"));
        ws.admin().delete("/v1/objects/course/" + id).then().statusCode(204);
        ws.admin().get("/v1/objects/course/" + id).then().statusCode(404);
    }
}

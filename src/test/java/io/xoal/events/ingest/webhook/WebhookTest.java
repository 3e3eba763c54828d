package io.xoal.events.ingest.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Stripe and Calendly deliveries in the providers' documented shapes, signed as they sign them. */
@QuarkusTest
class WebhookTest {

    private static final String STRIPE_SECRET = "whsec_test0123456789abcdefghij";
    private static final String CALENDLY_SECRET = "calendly-signing-key-0123456789";

    @Inject
    TestClock clock;

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    private String connect(String provider, String secret) {
        return ws.admin().body(Map.of("signing_secret", secret)).put("/v1/integrations/" + provider).then().statusCode(200)
                .body("secret_hint", not(containsString(secret.substring(6, 20))))
                .body("webhook_path", startsWith("/ingest/v1/" + provider + "/whk_"))
                .extract().path("webhook_path");
    }

    private static String sign(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private io.restassured.response.ValidatableResponse deliver(String path, String header, String signature, String body) {
        return given().header(header, signature).contentType("application/json; charset=utf-8").body(body).post(path).then();
    }

    private static String paymentIntent(String eventId, String intent, String email, String customer) {
        return """
                {"id": "%s", "object": "event", "type": "payment_intent.succeeded", "created": 1760000000,
                 "data": {"object": {"id": "%s", "object": "payment_intent", "amount": 2345, "amount_received": 2345,
                   "currency": "eur", "customer": "%s", "receipt_email": "%s", "metadata": {}}}}""".formatted(eventId, intent, customer, email);
    }

    @Test
    void aSignedStripePaymentIsStoredOnceAsPaymentMade() {
        String path = connect("stripe", STRIPE_SECRET);
        String email = unique("pay") + "@example.com";
        String intent = unique("pi");
        String body = paymentIntent(unique("evt"), intent, email, "cus_" + unique("c"));
        long now = clock.instant().getEpochSecond();
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, body), body).statusCode(200).body("accepted", is(1));
        // Stripe redelivers: stored once.
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, body), body).statusCode(200).body("duplicates", is(1));
        // The charge of the same PaymentIntent is the same payment.
        String charge = """
                {"id": "%s", "type": "charge.succeeded", "created": 1760000001, "data": {"object": {"id": "ch_1",
                 "object": "charge", "amount": 2345, "currency": "eur", "payment_intent": "%s",
                 "billing_details": {"email": "%s"}}}}""".formatted(unique("evt"), intent, email);
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, charge), charge).statusCode(200).body("duplicates", is(1));

        ws.admin().get("/v1/customers/" + email + "/events?id_type=email").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].name", is("payment_made"))
                .body("items[0].properties.amount", is(23.45f))
                .body("items[0].properties.currency", is("eur"))
                .body("items[0].occurred_at", is("2025-10-09T08:53:20Z"))
                .body("items[0].source", is("stripe"));
    }

    @Test
    void badStaleOrMissingSignaturesStoreNothing() {
        String path = connect("stripe", STRIPE_SECRET);
        String email = unique("bad") + "@example.com";
        String body = paymentIntent(unique("evt"), unique("pi"), email, "cus_x");
        long now = clock.instant().getEpochSecond();
        deliver(path, "Stripe-Signature", sign("whsec_not_the_secret", now, body), body).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("/headers/Stripe-Signature"));
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now - 360, body), body).statusCode(400)
                .body("detail", containsString("replay"));
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, body), body.replace("2345", "9999")).statusCode(400);
        given().contentType("application/json").body(body).post(path).then().statusCode(400);
        deliver("/ingest/v1/stripe/whk_nosuchtoken", "Stripe-Signature", sign(STRIPE_SECRET, now, body), body).statusCode(404);
        ws.admin().get("/v1/customers/" + email + "?id_type=email").then().statusCode(404);
    }

    @Test
    void subscriptionChangesAreUpgradesOrDowngradesOfTheLinkedCustomerAndOtherTypesAreIgnored() {
        String path = connect("stripe", STRIPE_SECRET);
        String user = unique("u");
        String customer = "cus_" + unique("c");
        long now = clock.instant().getEpochSecond();
        String payment = """
                {"id": "%s", "type": "invoice.paid", "created": 1760000000, "data": {"object": {"id": "in_1", "object": "invoice",
                 "amount_paid": 1000, "currency": "usd", "customer": "%s", "customer_email": "u@example.com",
                 "metadata": {"user_id": "%s"}}}}""".formatted(unique("evt"), customer, user);
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, payment), payment).statusCode(200).body("accepted", is(1));
        // Only the Stripe customer id: found through the link the payment made.
        String up = """
                {"id": "%s", "type": "customer.subscription.updated", "created": 1760000100, "data": {
                 "object": {"id": "sub_1", "customer": "%s", "currency": "usd",
                   "items": {"data": [{"price": {"id": "price_pro", "nickname": "Pro", "unit_amount": 5000}, "quantity": 2}]}},
                 "previous_attributes": {"items": {"data": [{"price": {"id": "price_basic", "unit_amount": 1000}, "quantity": 2}]}}}}"""
                .formatted(unique("evt"), customer);
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, up), up).statusCode(200).body("accepted", is(1));
        String down = """
                {"id": "%s", "type": "customer.subscription.deleted", "created": 1760000200, "data": {
                 "object": {"id": "sub_1", "customer": "%s", "currency": "usd",
                   "items": {"data": [{"price": {"id": "price_pro", "unit_amount": 5000}, "quantity": 2}]}}}}"""
                .formatted(unique("evt"), customer);
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, down), down).statusCode(200).body("accepted", is(1));
        String other = "{\"id\": \"evt_other\", \"type\": \"customer.created\", \"data\": {\"object\": {\"id\": \"cus_1\"}}}";
        deliver(path, "Stripe-Signature", sign(STRIPE_SECRET, now, other), other).statusCode(200).body("accepted", is(0));

        ws.admin().get("/v1/customers/" + user + "/events").then()
                .body("items.name", is(java.util.List.of("downgraded", "upgraded", "payment_made")))
                .body("items[1].properties.amount", is(100.0f))
                .body("items[1].properties.previous_amount", is(20.0f))
                .body("items[1].properties.plan", is("Pro"))
                .body("items[0].properties.amount", is(0.0f));
    }

    @Test
    void calendlyBookingsAndCancellationsAreMeetingEvents() {
        String path = connect("calendly", CALENDLY_SECRET);
        String email = unique("guest") + "@example.com";
        String invitee = "https://api.calendly.com/scheduled_events/EV1/invitees/" + unique("inv");
        String booked = """
                {"event": "invitee.created", "created_at": "2026-11-20T10:00:00.000000Z", "payload": {
                  "email": "%s", "name": "Guest", "uri": "%s", "status": "active",
                  "scheduled_event": {"uri": "https://api.calendly.com/scheduled_events/EV1", "name": "Demo call",
                    "start_time": "2026-12-01T15:00:00.000000Z", "end_time": "2026-12-01T15:30:00.000000Z",
                    "event_type": "https://api.calendly.com/event_types/ET1"}}}""".formatted(email, invitee);
        long now = clock.instant().getEpochSecond();
        String header = "Calendly-Webhook-Signature";
        deliver(path, header, sign(CALENDLY_SECRET, now, booked), booked).statusCode(200).body("accepted", is(1));
        deliver(path, header, sign(CALENDLY_SECRET, now, booked), booked).statusCode(200).body("duplicates", is(1));
        String canceled = booked.replace("invitee.created", "invitee.canceled").replace("\"active\"", "\"canceled\", "
                + "\"cancellation\": {\"reason\": \"conflict\", \"canceled_by\": \"Guest\"}");
        deliver(path, header, sign(CALENDLY_SECRET, now, canceled), canceled).statusCode(200).body("accepted", is(1));
        deliver(path, header, sign("wrong", now, canceled), canceled).statusCode(400);

        ws.admin().get("/v1/customers/" + email + "/events?id_type=email").then()
                .body("items", hasSize(2))
                .body("items[1].name", is("meeting_booked"))
                .body("items[1].properties.event_type", is("Demo call"))
                .body("items[1].properties.start_time", is("2026-12-01T15:00:00.000000Z"))
                .body("items[1].properties.invitee_email", is(email))
                .body("items[0].name", is("meeting_canceled"))
                .body("items[0].properties.cancel_reason", is("conflict"));
    }

    @Test
    void integrationsAreListedWithoutSecretsAndCanBeRemoved() {
        String path = connect("calendly", CALENDLY_SECRET);
        ws.admin().get("/v1/integrations").then().statusCode(200)
                .body("[0].provider", is("calendly"))
                .body("[0].secret_hint", is("…6789"))
                .body("[0].webhook_path", is(path))
                .body(not(containsString(CALENDLY_SECRET)));
        ws.admin().body(Map.of("signing_secret", "short")).put("/v1/integrations/calendly").then().statusCode(400);
        ws.admin().body(Map.of("signing_secret", "whatever123")).put("/v1/integrations/paypal").then().statusCode(404);
        ws.ingest().body(Map.of("signing_secret", "whatever123")).put("/v1/integrations/stripe").then().statusCode(403);
        ws.admin().delete("/v1/integrations/calendly").then().statusCode(204);
        given().contentType("application/json").body("{}").post(path).then().statusCode(404);
    }
}

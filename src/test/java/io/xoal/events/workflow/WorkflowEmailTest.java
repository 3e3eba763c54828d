package io.xoal.events.workflow;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.xoal.events.workflow.email.UnsubscribeTokens;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The email step end to end: real ingest, real PostgreSQL, the poller driven by the test, and a
 * real SMTP server in the test JVM ({@link EmailTestServer}) whose received messages are read back.
 */
@QuarkusTest
@WithTestResource(value = EmailTestServer.class, scope = TestResourceScope.GLOBAL)
class WorkflowEmailTest extends WorkflowTestBase {

    private static final String SUBJECT = "Welcome {customer.first_name ?: 'there'}";
    private static final String TEXT = "Hi {customer.first_name ?: 'there'}, you are on {customer.attributes.plan} from "
            + "{event.properties.source}{customer.attributes.missing}. Unsubscribe: {unsubscribe_url}";
    private static final String HTML = "<p>Hi {customer.first_name ?: 'there'} {customer.attributes.note}</p>";

    @EmailTestServer.Smtp
    GreenMail smtp;
    @Inject
    UnsubscribeTokens tokens;

    private long welcome() {
        return fixture.workflowId(Map.of(), List.of(step("hello", "email", "subject", SUBJECT, "text", TEXT, "html", HTML,
                "next", "done"), step("done", "exit")));
    }

    /** A customer with {@code email} and {@code profile} (first_name, attributes…), then their signed_up event. */
    private String signUp(String email, Map<String, Object> profile) {
        String user = unique("u");
        Map<String, Object> body = new java.util.HashMap<>(profile);
        if (email != null) {
            body.put("email", email);
        }
        ws.admin().body(body).put("/v1/customers/" + user).then().statusCode(201);
        fixture.event(user, "signed_up", Map.of("source", "ads"));
        return user;
    }

    private List<MimeMessage> receivedBy(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(email));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return part.isMimeType(type) ? part.getContent().toString() : null;
    }

    @Test
    void theEmailIsRenderedWithTheCustomersAttributesAndCarriesItsDeliveryIdAndUnsubscribeHeaders() throws Exception {
        long wf = welcome();
        String ada = unique("ada") + "@example.com";
        String adaId = signUp(ada, Map.of("first_name", "Ada", "attributes", Map.of("plan", "pro", "note", "<b>&</b>")));
        String anon = unique("anon") + "@example.com";
        signUp(anon, Map.of("attributes", Map.of("plan", "free")));
        fixture.drain();

        List<MimeMessage> toAda = receivedBy(ada);
        assertEquals(1, toAda.size());
        MimeMessage mail = toAda.get(0);
        assertEquals("Welcome Ada", mail.getSubject());
        assertEquals("Xoal Tests <workflows@xoal.test>", mail.getFrom()[0].toString());
        String text = part(mail, "text/plain");
        assertNotNull(text);
        assertTrue(text.startsWith("Hi Ada, you are on pro from ads. Unsubscribe: https://xoal.test/email/unsubscribe/"), text);
        assertEquals("<p>Hi Ada &lt;b&gt;&amp;&lt;/b&gt;</p>", part(mail, "text/html"), "the HTML part escapes values");

        JsonPath run = fixture.runOf(wf, adaId);
        assertEquals(List.of("sent", "completed"), run.getList("steps.outcome"));
        String delivery = run.getString("steps[0].detail.delivery_id");
        assertArrayEquals(new String[] {"<" + delivery + "@mail.xoal.test>"}, mail.getHeader("Message-ID"));
        String link = text.substring(text.indexOf("https://"));
        assertArrayEquals(new String[] {"<" + link + ">"}, mail.getHeader("List-Unsubscribe"));
        assertArrayEquals(new String[] {"List-Unsubscribe=One-Click"}, mail.getHeader("List-Unsubscribe-Post"));

        List<MimeMessage> toAnon = receivedBy(anon);
        assertEquals(1, toAnon.size());
        assertEquals("Welcome there", toAnon.get(0).getSubject(), "the ?: fallback");
        assertTrue(part(toAnon.get(0), "text/plain").startsWith("Hi there, you are on free"));
    }

    @Test
    void theOneClickUnsubscribeSetsTheAttributeAndALaterRunSendsNothing() throws Exception {
        long unsubscribed = fixture.segment(Map.of("attribute", Map.of("name", "unsubscribed", "type", "boolean", "op", "eq", "value", true)));
        long wf = welcome();
        String email = unique("bob") + "@example.com";
        String bob = signUp(email, Map.of("first_name", "Bob"));
        fixture.drain();
        String header = receivedBy(email).get(0).getHeader("List-Unsubscribe")[0];
        String path = URI.create(header.substring(1, header.length() - 1)).getPath();

        RestAssured.given().get(path).then().statusCode(200).contentType("text/html").body(containsString("<form method=\"post\""));
        RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(path)
                .then().statusCode(200).contentType("text/html");
        ws.admin().get("/v1/customers/" + bob).then().statusCode(200).body("attributes.unsubscribed", is(true));
        fixture.awaitMember(unsubscribed, bob, true);

        fixture.event(bob, "signed_up", Map.of("source", "ads"));
        fixture.drain();
        List<Map<String, Object>> runs = fixture.runs(wf);
        assertEquals(2, runs.size());
        JsonPath later = runs.stream().map(r -> fixture.run(((Number) r.get("id")).longValue()))
                .filter(r -> !"sent".equals(r.getString("steps[0].outcome"))).findFirst().orElseThrow();
        assertEquals(List.of("unsubscribed", "completed"), later.getList("steps.outcome"));
        assertEquals(1, receivedBy(email).size(), "nothing more was sent");
    }

    @Test
    void aForgedOrStaleUnsubscribeLinkIsAProblem() {
        String signed = tokens.token(ws.id(), 1);
        String forged = signed.substring(0, signed.length() - 1) + (signed.endsWith("A") ? "B" : "A");
        RestAssured.given().get("/email/unsubscribe/" + forged).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("/token"));
        RestAssured.given().post("/email/unsubscribe/not-a-token").then().statusCode(400).contentType("application/problem+json");
        RestAssured.given().post("/email/unsubscribe/" + tokens.token(ws.id(), Long.MAX_VALUE)).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aCustomerWithoutAnEmailAddressGetsNoEmailAndTheRunMovesOn() {
        long wf = welcome();
        String user = signUp(null, Map.of("first_name", "Nomail"));
        fixture.drain();
        JsonPath run = fixture.runOf(wf, user);
        assertEquals("completed", run.getString("state"));
        assertEquals(List.of("no_email", "completed"), run.getList("steps.outcome"));
    }

    @Test
    void aTemplateThatDoesNotParseIsRejectedWithItsPointerAndQutesMessage() {
        Map<String, Object> definition = Map.of("trigger", Map.of("event", "signed_up"), "steps", List.of(
                step("hello", "email", "subject", "Welcome {customer.first_name", "html", "<p>{#if customer.email}hi</p>",
                        "next", "bare"),
                step("bare", "email", "subject", "No body", "next", "done"), step("done", "exit")));
        JsonPath problem = ws.admin().body(Map.of("name", unique("wf"), "status", "active", "definition", definition))
                .post("/v1/workflows").then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertEquals(List.of("/definition/steps/0/subject", "/definition/steps/0/html", "/definition/steps/1/text"),
                problem.getList("errors.field"));
        assertTrue(problem.getString("errors[0].message").startsWith("is not a valid template: "), problem.prettify());
        assertTrue(problem.getString("errors[1].message").contains("if"), problem.prettify());
    }

    @Test
    void whileTheSmtpServerIsDownTheEmailIsRetriedLaterWithTheSameMessageId() throws Exception {
        long wf = welcome();
        String email = unique("cy") + "@example.com";
        String user;
        smtp.stop();
        try {
            user = signUp(email, Map.of("first_name", "Cy"));
            fixture.drain();
            JsonPath waiting = fixture.runOf(wf, user);
            assertEquals("ready", waiting.getString("state"));
            assertEquals(List.of("retry"), waiting.getList("steps.outcome"));
            assertNotNull(waiting.getString("last_error"));
        } finally {
            smtp.start();
        }
        clock.advance(Duration.ofSeconds(13));
        fixture.drain();
        List<MimeMessage> received = receivedBy(email);
        assertEquals(1, received.size());
        JsonPath done = fixture.runOf(wf, user);
        assertEquals(List.of("retry", "sent", "completed"), done.getList("steps.outcome"));
        String delivery = done.getString("steps[0].detail.delivery_id");
        assertEquals(delivery, done.getString("steps[1].detail.delivery_id"), "one delivery for both attempts");
        assertArrayEquals(new String[] {"<" + delivery + "@mail.xoal.test>"}, received.get(0).getHeader("Message-ID"));
    }
}

package io.xoal.events.error;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input is a problem document that names what was wrong, whatever layer refused it. */
@QuarkusTest
class ProblemContractTest {

    @TestHTTPResource("/")
    URL root;

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void aQueryParameterThatIsNotANumberIsA400NamingIt() {
        ws.admin().get("/v1/events?limit=abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("/limit"))
                .body("errors[0].message", containsString("integer"));
        ws.admin().get("/v1/customers?limit=1.5").then().statusCode(400).body("errors[0].field", is("/limit"));
    }

    @Test
    void aPathParameterThatIsNotANumberIsA400NamingIt() {
        ws.admin().get("/v1/segments/abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("/id"));
        ws.admin().delete("/v1/keys/99999999999999999999").then().statusCode(400).body("errors[0].field", is("/id"));
    }

    @Test
    void aMissingSegmentIsStillA404() {
        ws.admin().get("/v1/segments/987654321").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aBodyAboveTheHttpLimitIsAProblem413() throws Exception {
        // The body is announced, never sent: the server must refuse it from the header alone.
        try (Socket socket = new Socket("127.0.0.1", root.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /v1/customers/u1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + ws.adminKey() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (5 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
            assertTrue(reply.toLowerCase().contains("content-type: application/problem+json"), reply);
            assertTrue(reply.contains("\"status\":413"), reply);
        }
    }
}

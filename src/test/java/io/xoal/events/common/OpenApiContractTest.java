package io.xoal.events.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served OpenAPI document describes the API on the wire, and a real OpenAPI 3.1 validator accepts it. */
@QuarkusTest
class OpenApiContractTest {

    /** Redocly CLI from npm, pinned; installed once under target/. */
    private static final String REDOCLY = "@redocly/cli@2.77.0";
    /** Paths that authenticate otherwise (a signed webhook's token, a browser SDK loading its settings). */
    private static final Set<String> PUBLIC = Set.of("/ingest/v1/stripe/{token}", "/ingest/v1/calendly/{token}",
            "/v1/projects/{writeKey}/settings", "/email/unsubscribe/{token}");

    private static String document() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
    }

    @Test
    void theServedDocumentPassesRedoclysOpenApiSpecRules() throws Exception {
        Path tools = Path.of("target", "redocly");
        Path cli = tools.resolve("node_modules/.bin/redocly");
        if (!Files.isExecutable(cli)) {
            run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", tools.toString(), REDOCLY));
        }
        Path served = Path.of("target", "openapi-served.json");
        Files.writeString(served, document());
        Result lint = run(List.of(cli.toString(), "lint", "--extends=spec", served.toString()));
        assertEquals(0, lint.exit(), lint.output());
    }

    @Test
    void everyOperationDeclaresHowItAuthenticates() {
        JsonPath doc = JsonPath.from(document());
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> undeclared = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            boolean declared = operation.get("security") instanceof List<?> security && !security.isEmpty();
            if (declared == PUBLIC.contains(path)) {
                undeclared.add(method + " " + path);
            }
        }));
        assertEquals(List.of(), undeclared, "operations whose security is missing (or set on a public path)");
        assertEquals("bearer", doc.getString("components.securitySchemes.adminKey.scheme"));
        assertEquals(List.of(Map.of("adminKey", List.of())), doc.getList("paths.'/v1/segments'.post.security"));
        assertEquals(List.of(Map.of("customerIoSite", List.of())), doc.getList("paths.'/api/v1/customers/{id}'.put.security"));
        assertTrue(doc.getString("components.securitySchemes.ingestionKey.description").contains("ing_"));
    }

    @Test
    void schemasNameTheFieldsAsTheJsonOnTheWire() {
        JsonPath doc = JsonPath.from(document());
        Map<String, Object> customer = doc.getMap("components.schemas.CustomerInput.properties");
        assertTrue(customer.containsKey("first_name") && customer.containsKey("joined_date"), customer.keySet().toString());
        assertTrue(doc.getMap("components.schemas.SecretInput.properties").containsKey("signing_secret"));
        assertTrue(doc.getMap("components.schemas.PageEventView.properties").containsKey("next_cursor"));
        // Xoal's own event format keeps its documented camelCase names.
        assertTrue(doc.getMap("components.schemas.XoalEvent.properties").containsKey("messageId"));
        Map<String, Map<String, Object>> schemas = doc.getMap("components.schemas");
        schemas.forEach((name, schema) -> {
            if (!name.equals("XoalEvent") && schema.get("properties") instanceof Map<?, ?> properties) {
                properties.keySet().forEach(p -> assertTrue(p.toString().matches("[a-z0-9_]+"), name + "." + p));
            }
        });
    }

    @Test
    void theSegmentPathsAreListedOneByOne() {
        Map<String, Object> paths = JsonPath.from(document()).getMap("paths");
        for (String call : List.of("batch", "import", "b", "identify", "i", "track", "t", "page", "p", "screen", "s",
                "group", "g", "alias", "a")) {
            assertTrue(paths.containsKey("/v1/" + call), "/v1/" + call);
        }
        assertTrue(paths.keySet().stream().noneMatch(p -> p.matches("/v1/\\{(call|path)}")), paths.keySet().toString());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        File log = File.createTempFile("xoal-openapi", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }
}

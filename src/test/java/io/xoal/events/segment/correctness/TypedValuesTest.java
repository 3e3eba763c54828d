package io.xoal.events.segment.correctness;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.correctness.SegmentFixture.performed;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

/**
 * A value of another JSON type than the declared one counts as absent, for {@code exists} too, and
 * a date is a JSON string holding an ISO-8601 instant with an offset — in preview and evaluation alike.
 */
@QuarkusTest
class TypedValuesTest {

    private SegmentFixture f;

    @BeforeEach
    void workspace() {
        f = SegmentFixture.create();
    }

    private static Map<String, Object> attribute(String name, String type, String op, Object value) {
        return value == null ? Map.of("attribute", Map.of("name", name, "type", type, "op", op))
                : Map.of("attribute", Map.of("name", name, "type", type, "op", op, "value", value));
    }

    private void matches(Object definition, String... ids) {
        f.preview(definition).body("count", is(ids.length)).body("sample.id", containsInAnyOrder((Object[]) ids));
    }

    @Test
    void existsAndNotExistsHonourTheDeclaredType() {
        String text = unique("text");
        String number = unique("number");
        f.customer(text, Map.of("attributes", Map.of("score", "42")));
        f.customer(number, Map.of("attributes", Map.of("score", 42)));
        matches(attribute("score", "number", "exists", null), number);
        matches(attribute("score", "number", "not_exists", null), text);
        matches(attribute("score", "string", "exists", null), text);

        f.track(text, "rated", Map.of("score", "42"), null);
        f.track(number, "rated", Map.of("score", 42), null);
        matches(performed("rated", "where", List.of(Map.of("property", "score", "type", "number", "op", "exists"))), number);
        matches(performed("rated", "where", List.of(Map.of("property", "score", "type", "boolean", "op", "not_exists"))),
                text, number);
    }

    @Test
    void onlyIsoInstantsWithAnOffsetAreDates() {
        Map<String, Object> instants = Map.of(
                unique("utc"), "2026-11-01T00:00:00Z",
                unique("offset"), "2026-11-01T02:00:00+02:00",
                unique("fraction"), "2026-11-01T00:00:00.250Z");
        Map<String, Object> others = Map.of(
                unique("day"), "2026-11-01",
                unique("us"), "11/01/2026",
                unique("local"), "2026-11-01T00:00:00",
                unique("number"), 1793491200,
                unique("words"), "next tuesday");
        Map<String, Object> values = new java.util.HashMap<>(instants);
        values.putAll(others);
        values.forEach((id, value) -> f.customer(id, Map.of("attributes", Map.of("renewal", value))));
        String[] dates = instants.keySet().toArray(String[]::new);
        matches(attribute("renewal", "date", "exists", null), dates);
        Map<String, Object> after = attribute("renewal", "date", "gte", "2026-10-01T00:00:00Z");
        matches(after, dates);
        long saved = f.segment("renewing", after);
        f.ws().admin().get("/v1/segments/" + saved + "/members").then().body("items.id", containsInAnyOrder((Object[]) dates));

        values.forEach((id, value) -> f.track(id, "renewal_set", Map.of("at", value), null));
        matches(performed("renewal_set", "where", List.of(Map.of("property", "at", "type", "date", "op", "lt",
                "value", "2027-01-01T00:00:00Z"))), dates);
    }
}

package io.xoal.events.segment.definition;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Values that parse but that PostgreSQL could not evaluate (windows of millennia, instants beyond
 * year 9999, numbers numeric cannot hold) are refused when the segment is saved: a 400 naming the
 * field, never a segment that fails on every evaluation.
 */
@QuarkusTest
class DefinitionBoundsTest {

    private static final String PURCHASED = "{\"performed\":{\"event\":\"purchase\",\"window\":%s}}";
    private static final String JOINED = "{\"attribute\":{\"name\":\"joined_date\",\"op\":\"%s\",\"value\":%s}}";
    private static final String SEATS = "{\"attribute\":{\"name\":\"seats\",\"type\":\"number\",\"op\":\"%s\",\"value\":%s}}";

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    /** Each poison definition (raw JSON, so that numbers reach the parser as written) and the field it must name. */
    private static Map<String, String> poisons() {
        Map<String, String> poisons = new LinkedHashMap<>();
        poisons.put(PURCHASED.formatted("{\"days\":3000000}"), "/definition/performed/window/days");
        poisons.put(PURCHASED.formatted("{\"days\":36526}"), "/definition/performed/window/days");
        poisons.put(PURCHASED.formatted("{\"hours\":876601}"), "/definition/performed/window/hours");
        poisons.put(PURCHASED.formatted("{\"minutes\":52596001}"), "/definition/performed/window/minutes");
        poisons.put(PURCHASED.formatted("{\"days\":9223372036854775807}"), "/definition/performed/window/days");
        poisons.put(PURCHASED.formatted("{\"from\":\"+300000-01-01T00:00:00Z\",\"to\":\"+300001-01-01T00:00:00Z\"}"),
                "/definition/performed/window/from");
        poisons.put(PURCHASED.formatted("{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"+10000-01-01T00:00:00Z\"}"),
                "/definition/performed/window/to");
        poisons.put(PURCHASED.formatted("{\"from\":\"-0001-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}"),
                "/definition/performed/window/from");
        poisons.put(JOINED.formatted("more_than_ago", "{\"days\":3000000}"), "/definition/attribute/value/days");
        poisons.put(JOINED.formatted("less_than_ago", "{\"hours\":900000}"), "/definition/attribute/value/hours");
        poisons.put(JOINED.formatted("gt", "\"+300000-01-01T00:00:00Z\""), "/definition/attribute/value");
        poisons.put(SEATS.formatted("gt", "1e999999"), "/definition/attribute/value");
        poisons.put(SEATS.formatted("in", "[1, -1e999999]"), "/definition/attribute/value/1");
        poisons.put("{\"performed\":{\"event\":\"purchase\",\"where\":[{\"property\":\"amount\",\"type\":\"number\","
                + "\"op\":\"eq\",\"value\":1e400}]}}", "/definition/performed/where/0/value");
        poisons.put("{\"performed\":{\"event\":\"purchase\",\"count\":{\"op\":\"at_least\",\"value\":1000001}}}",
                "/definition/performed/count/value");
        return poisons;
    }

    @Test
    void everyDefinitionPostgresCouldNotEvaluateIsA400NamingTheField() {
        poisons().forEach((definition, field) -> {
            var answer = ws.admin().body("{\"name\":\"poison\",\"definition\":" + definition + "}").post("/v1/segments");
            assertEquals(400, answer.statusCode(), definition);
            answer.then().contentType("application/problem+json").body("errors.field", hasItem(field));
        });
    }

    @Test
    void theLargestAllowedValuesAreEvaluated() {
        String widest = "{\"and\":[" + PURCHASED.formatted("{\"days\":36525}") + ","
                + PURCHASED.formatted("{\"from\":\"0001-01-01T00:00:00Z\",\"to\":\"9999-12-31T23:59:59Z\"}") + ","
                + JOINED.formatted("more_than_ago", "{\"minutes\":52596000}") + ","
                + SEATS.formatted("lt", "1e300") + "]}";
        ws.admin().body("{\"definition\":" + widest + "}").post("/v1/segments/preview").then()
                .statusCode(200).body("count", is(0));
    }
}

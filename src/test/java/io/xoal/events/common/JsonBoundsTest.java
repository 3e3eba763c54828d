package io.xoal.events.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xoal.events.error.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonBoundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonBounds bounds = new JsonBounds(2, 5, 3);

    private List<String> fieldsOf(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        List<FieldError> errors = new ArrayList<>();
        bounds.check(node, "/properties", 0, errors);
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsValuesWithinEveryBound() throws Exception {
        assertEquals(List.of(), fieldsOf("{\"a\":{\"b\":[1,\"abcde\"]},\"c\":1.5}"));
    }

    @Test
    void namesTheContainerNestedTooDeep() throws Exception {
        assertEquals(List.of("/properties/a/b/c"), fieldsOf("{\"a\":{\"b\":{\"c\":{}}}}"));
    }

    @Test
    void namesTheObjectWithTooManyKeys() throws Exception {
        assertEquals(List.of("/properties/a"), fieldsOf("{\"a\":{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4}}"));
    }

    @Test
    void namesTooLongStringsAndNulCharacters() throws Exception {
        assertEquals(List.of("/properties/long", "/properties/nul/0"), fieldsOf("{\"long\":\"abcdef\",\"nul\":[\"a\\u0000\"]}"));
    }

    @Test
    void namesKeysThatPostgresCannotStore() throws Exception {
        assertEquals(List.of("/properties/a\\u0000"), fieldsOf("{\"a\\u0000\":1}"));
    }

    @Test
    void escapesPointerSegmentsAsRfc6901Says() throws Exception {
        assertEquals(List.of("/properties/a~1b~0c"), fieldsOf("{\"a/b~c\":\"abcdef\"}"));
    }
}

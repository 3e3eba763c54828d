package io.xoal.events.segment.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses definitions written as JSON text, for the unit tests of the definition package. */
public final class Definitions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Definitions() {
    }

    /** The parsed tree of a definition; single quotes stand for double quotes. */
    public static Node parse(String json) {
        try {
            return DefinitionParser.parse(JSON.readTree(json.replace('\'', '"')), "/definition");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}

package io.xoal.events.web.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** A definition as the editor's text: parsed from what was typed, pretty-printed for reading and editing. */
@ApplicationScoped
public class DefinitionText {

    static final String FIELD = "/definition";

    private final ObjectMapper mapper;

    public DefinitionText(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON typed in the editor; a 400 problem at {@code /definition} when it is empty or not JSON. */
    JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidField(FIELD, "is empty: type a definition, e.g. {\"performed\": {\"event\": \"purchase\"}}");
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw ProblemException.invalidField(FIELD, "is not valid JSON: " + e.getOriginalMessage() + where);
        }
    }

    String pretty(JsonNode definition) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

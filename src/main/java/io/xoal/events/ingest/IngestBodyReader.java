package io.xoal.events.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body (one event or an array of events) into items, each with its size in
 * bytes, enforcing the request limits: 413 above them, 400 for malformed JSON.
 */
public final class IngestBodyReader {

    private final ObjectMapper mapper;
    /** Reads one item at a time out of a stream of items, so the rest is not "trailing" content. */
    private final ObjectReader itemReader;
    private final IngestConfig config;

    IngestBodyReader(ObjectMapper mapper, IngestConfig config) {
        this.mapper = mapper;
        this.itemReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.config = config;
    }

    /** The parsed items; {@code batch} tells whether the body was an array. */
    Body read(byte[] body) {
        return read(body, null);
    }

    /**
     * Like {@link #read(byte[])}, but an object body holding an array under {@code batchField}
     * (Segment's {@code {"batch": [...], "context": ...}}) is read as that batch, its other fields
     * returned as {@code extras}.
     */
    Body read(byte[] body, String batchField) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalidField("", "the body is empty; send an event object or an array of events");
        }
        if (body.length > config.maxRequestBytes()) {
            throw ProblemException.tooLarge("The body is " + body.length + " bytes; the limit is "
                    + config.maxRequestBytes() + " bytes per request");
        }
        try (JsonParser parser = mapper.createParser(body)) {
            return read(parser, batchField);
        } catch (IOException e) {
            throw ProblemException.invalidField("", "the body could not be read");
        }
    }

    private Body read(JsonParser parser, String batchField) throws IOException {
        try {
            JsonToken first = parser.nextToken();
            Body read = first == JsonToken.START_ARRAY ? new Body(items(parser), true, mapper.createObjectNode())
                    : batchField != null && first == JsonToken.START_OBJECT ? wrapped(parser, batchField)
                    : new Body(List.of(item(parser)), false, mapper.createObjectNode());
            if (parser.nextToken() != null) {
                throw ProblemException.invalidField("", "unexpected content after the JSON value");
            }
            if (read.items().isEmpty()) {
                throw ProblemException.invalidField("", "the batch is empty");
            }
            return read;
        } catch (JsonProcessingException e) {
            throw malformed(e, parser);
        }
    }

    /**
     * Names the place where reading stopped by its JSON pointer. A value beyond the parser's
     * bounds (a number of more than 1,000 digits, nesting deeper than 1,000) has no location of
     * its own: the parser's is used.
     */
    private static ProblemException malformed(JsonProcessingException e, JsonParser parser) {
        String field = parser.getParsingContext().pathAsPointer().toString();
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        return ProblemException.badRequest("The body is not valid JSON",
                List.of(new FieldError(field, e.getOriginalMessage() + " at byte " + at.getByteOffset())));
    }

    /** An object: a batch when it has {@code batchField}, else one item made of all its fields. */
    private Body wrapped(JsonParser parser, String batchField) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        ObjectNode fields = mapper.createObjectNode();
        List<Item> items = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && name.equals(batchField)) {
                items = items(parser);
            } else {
                fields.set(name, itemReader.readTree(parser));
            }
        }
        if (items == null) {
            long size = parser.currentLocation().getByteOffset() - start;
            return new Body(List.of(new Item(fields, size)), false, mapper.createObjectNode());
        }
        return new Body(items, true, fields);
    }

    private List<Item> items(JsonParser parser) throws IOException {
        List<Item> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (items.size() == config.maxRequestEvents()) {
                throw ProblemException.tooLarge("More than " + config.maxRequestEvents() + " events in one request");
            }
            items.add(item(parser));
        }
        return items;
    }

    private Item item(JsonParser parser) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonNode node = itemReader.readTree(parser);
        long size = parser.currentLocation().getByteOffset() - start;
        return new Item(node == null ? mapper.nullNode() : node, size);
    }

    /** One event as sent, with its size in bytes. */
    public record Item(JsonNode node, long bytes) {
    }

    /** The items of a request, and the other fields of a wrapping batch object. */
    public record Body(List<Item> items, boolean batch, ObjectNode extras) {

        /** A request without a body, as one empty item (a path-only call such as Customer.io's DELETE). */
        public static Body empty() {
            ObjectNode none = JsonNodeFactory.instance.objectNode();
            return new Body(List.of(new Item(none, 2)), false, none);
        }
    }
}

package io.xoal.events.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body (one event or an array of events) into items, each with its size in
 * bytes, enforcing the request limits: 413 above them, 400 for malformed JSON.
 */
final class IngestBodyReader {

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
        if (body == null || body.length == 0) {
            throw ProblemException.invalidField("", "the body is empty; send an event object or an array of events");
        }
        if (body.length > config.maxRequestBytes()) {
            throw ProblemException.tooLarge("The body is " + body.length + " bytes; the limit is "
                    + config.maxRequestBytes() + " bytes per request");
        }
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            boolean batch = first == JsonToken.START_ARRAY;
            List<Item> items = new ArrayList<>();
            if (batch) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (items.size() == config.maxRequestEvents()) {
                        throw ProblemException.tooLarge("More than " + config.maxRequestEvents() + " events in one request");
                    }
                    items.add(item(parser));
                }
            } else {
                items.add(item(parser));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.invalidField("", "unexpected content after the JSON value");
            }
            if (items.isEmpty()) {
                throw ProblemException.invalidField("", "the batch is empty");
            }
            return new Body(items, batch);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("The body is not valid JSON",
                    List.of(new FieldError("", e.getOriginalMessage() + " at byte " + e.getLocation().getByteOffset())));
        } catch (IOException e) {
            throw ProblemException.invalidField("", "the body could not be read");
        }
    }

    private Item item(JsonParser parser) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonNode node = itemReader.readTree(parser);
        long size = parser.currentLocation().getByteOffset() - start;
        return new Item(node == null ? mapper.nullNode() : node, size);
    }

    /** One event as sent, with its size in bytes. */
    record Item(JsonNode node, long bytes) {
    }

    /** The items of a request. */
    record Body(List<Item> items, boolean batch) {
    }
}

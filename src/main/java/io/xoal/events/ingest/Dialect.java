package io.xoal.events.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.envelope.Envelope;

import java.time.Instant;
import java.util.List;

/** Reads one item of a request in some client's format into an {@link Envelope}. */
@FunctionalInterface
public interface Dialect {

    /** The envelope, or null with {@code errors} filled (each naming its field by JSON pointer). */
    Envelope parse(JsonNode item, long workspaceId, Instant receivedAt, List<FieldError> errors);
}

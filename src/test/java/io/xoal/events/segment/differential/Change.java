package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** One change the test makes through the API, applied the same way to the model. */
sealed interface Change {

    /** {@code PUT /v1/customers/{id}} with this body (built-ins, {@code attributes}, {@code tags}). */
    record Put(String id, ObjectNode body) implements Change {
    }

    /** One event through the Xoal Events API, at an explicit time, with {@code customData} as its properties. */
    record Track(String id, String event, Instant at, ObjectNode properties) implements Change {
    }

    /** {@code POST /v1/customers/{id}/tags}. */
    record AddTags(String id, List<String> tags) implements Change {
    }

    /** {@code DELETE /v1/customers/{id}/tags/{tag}}. */
    record RemoveTag(String id, String tag) implements Change {
    }
}

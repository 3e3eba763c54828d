package io.xoal.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/** One stored event as the feed shows it. */
public record EventView(long id, String messageId, String name, SubjectView subject,
                        @JsonRawValue String properties, Instant occurredAt, Instant receivedAt, String source) {

    /** Whom the event belongs to, by external ids. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubjectView(String type, String id, String email, String objectType) {
    }
}

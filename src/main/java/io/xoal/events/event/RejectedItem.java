package io.xoal.events.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An item a client sent that was not stored, with why and (the start of) what was sent. */
public record RejectedItem(long id, Instant receivedAt, String source, int index, JsonNode errors, String payload) {
}

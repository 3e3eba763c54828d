package io.xoal.events.event;

import io.xoal.events.common.Instants;
import io.xoal.events.common.Limits;

import java.time.Instant;

/** Filters of an events feed: name, time range of occurrence, and a page (cursor = last id seen). */
public record FeedQuery(String name, Instant from, Instant to, long before, int limit) {

    public static final int MAX_LIMIT = 1000;

    public static FeedQuery of(String name, String from, String to, String cursor, Integer limit) {
        return new FeedQuery(name == null || name.isBlank() ? null : name, Instants.parameter(from, "/from"), Instants.parameter(to, "/to"),
                Limits.cursor(cursor), Limits.clamp(limit, 100, MAX_LIMIT));
    }
}

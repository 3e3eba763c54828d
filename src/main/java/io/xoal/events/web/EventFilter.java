package io.xoal.events.web;

import io.xoal.events.error.ProblemException;
import io.xoal.events.event.EventView;
import io.xoal.events.event.FeedQuery;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The Events tab's filters as the form sends them: event name, customer id, and a time range of
 * occurrence in UTC ({@code datetime-local} values, e.g. 2026-12-04T10:00). Blank means no filter.
 */
public record EventFilter(String name, String customer, String from, String to) {

    public EventFilter {
        name = blankToNull(name);
        customer = blankToNull(customer);
        from = blankToNull(from);
        to = blankToNull(to);
    }

    /** The feed query for {@code limit} events below id {@code before}; a 400 problem naming the field when a time is malformed. */
    FeedQuery query(long before, int limit) {
        return new FeedQuery(name, utc(from, "from"), utc(to, "to"), before, limit);
    }

    /** The filters as URL query parameters, each preceded by {@code &} (empty without filters). */
    public String queryString() {
        StringBuilder query = new StringBuilder();
        append(query, "name", name);
        append(query, "customer", customer);
        append(query, "from", from);
        append(query, "to", to);
        return query.toString();
    }

    private static void append(StringBuilder query, String key, String value) {
        if (value != null) {
            query.append('&').append(key).append('=').append(Formats.url(value));
        }
    }

    /** Whether the tab shows a new event live: only without an upper time bound, and when name and customer match. */
    boolean matches(EventView event) {
        return to == null
                && (name == null || name.equals(event.name()))
                && (from == null || !event.occurredAt().isBefore(utc(from, "from")))
                && (customer == null || "customer".equals(event.subject().type()) && customer.equals(event.subject().id()));
    }

    /** Whether no filter is set. */
    public boolean isEmpty() {
        return name == null && customer == null && from == null && to == null;
    }

    /** Whether new events are shown as they arrive (not for a range that ends). */
    public boolean live() {
        return to == null;
    }

    private static java.time.Instant utc(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("/" + field, "The " + field + " time must look like 2026-12-04T10:00 (UTC)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The small vocabulary data and definitions share, so that comparisons hit: per custom attribute
 * or event property its intended type and values of every JSON type (a string "42" where a number
 * is meant, a date without offset), per built-in its plausible values.
 */
final class Values {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final List<String> EVENTS = List.of("purchase", "purchase", "login", "page_viewed", "upgraded");
    static final List<String> TAGS = List.of("VIP", "Prospects", "vip", "churned");
    static final List<String> STRINGS = List.of("pro", "free", "Pro", "enterprise", "pro plan");
    static final List<String> PARTS = List.of("pro", "ree", "Pro", "plan", "o");
    static final List<Double> NUMBERS = List.of(0.0, 5.0, 10.0, 99.5, 100.0, 250.0, -3.0, 42.0);
    /** Custom attributes and event properties with the type each is meant to have (sorted: a seed must replay). */
    static final Map<String, String> ATTRIBUTES = new TreeMap<>(Map.of("plan", "string", "score", "number", "vip", "boolean",
            "renewal", "date", "nickname", "string"));
    static final Map<String, String> PROPERTIES = new TreeMap<>(Map.of("plan", "string", "amount", "number", "coupon", "boolean",
            "at", "date", "cart.total", "number"));
    static final Map<String, List<String>> BUILT_IN_STRINGS = new TreeMap<>(Map.of(
            "email", List.of("ana@example.com", "bob@example.com", "cy@example.org"),
            "contact_type", List.of("user", "lead", "unidentified"),
            "first_name", List.of("Ana", "Bob", "ana", "Zoë"),
            "last_name", List.of("Smith", "Ng"),
            "phone", List.of("+33123456789", "+15550100"),
            "language", List.of("English", "French"),
            "timezone", List.of("Europe/Paris", "UTC", "America/New_York"),
            "added_via", List.of("api", "app")));

    private final Random random;
    private final Times times;

    Values(Random random, Times times) {
        this.random = random;
        this.times = times;
    }

    <T> T one(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A stored value meant to be of {@code type}: usually of it, sometimes of another JSON type or malformed. */
    JsonNode stored(String type, Instant now) {
        if (chance(15)) {
            return one(List.of(JSON.textNode("42"), JSON.numberNode(42), JSON.booleanNode(true), JSON.textNode("true"),
                    JSON.textNode("2026-11-01"), JSON.textNode("11/01/2026"), JSON.numberNode(now.getEpochSecond())));
        }
        return switch (type) {
            case "string" -> JSON.textNode(one(STRINGS));
            case "number" -> number();
            case "boolean" -> JSON.booleanNode(random.nextBoolean());
            default -> JSON.textNode(dateText(times.pick(now)));
        };
    }

    JsonNode number() {
        double n = one(NUMBERS);
        return n == Math.rint(n) && chance(70) ? JSON.numberNode((long) n) : JSON.numberNode(n);
    }

    /** An instant as an ISO-8601 string with an offset: Z, or +02:00 now and then. */
    String dateText(Instant t) {
        return chance(25) ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.ofHours(2))) : t.toString();
    }
}

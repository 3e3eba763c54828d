package io.xoal.events.segment.definition;

import java.util.Map;

/** Xoal's built-in customer attributes that a condition may name, with their column and type. */
public final class CustomerColumns {

    /** A built-in attribute: its column in {@code customers} and its type. */
    public record Column(String sql, ValueType type) {
    }

    private static final Map<String, Column> BUILT_IN = Map.ofEntries(
            Map.entry("id", new Column("external_id", ValueType.STRING)),
            Map.entry("email", new Column("email", ValueType.STRING)),
            Map.entry("contact_type", new Column("contact_type", ValueType.STRING)),
            Map.entry("first_name", new Column("first_name", ValueType.STRING)),
            Map.entry("last_name", new Column("last_name", ValueType.STRING)),
            Map.entry("phone", new Column("phone", ValueType.STRING)),
            Map.entry("language", new Column("language", ValueType.STRING)),
            Map.entry("timezone", new Column("timezone", ValueType.STRING)),
            Map.entry("added_via", new Column("added_via", ValueType.STRING)),
            Map.entry("created_at", new Column("created_at", ValueType.DATE)),
            Map.entry("joined_date", new Column("joined_date", ValueType.DATE)),
            Map.entry("last_active", new Column("last_active", ValueType.DATE)));

    private CustomerColumns() {
    }

    /** The built-in attribute of that name, or null for a custom attribute. */
    public static Column builtIn(String name) {
        return BUILT_IN.get(name);
    }
}

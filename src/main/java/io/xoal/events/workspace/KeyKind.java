package io.xoal.events.workspace;

/**
 * What a key may do: send browser-safe messages only (a public write key, {@code pub_…}), ingest
 * anything including deletes and merges ({@code ing_…}), or manage and read a workspace ({@code adm_…}).
 */
public enum KeyKind {
    BROWSER("pub_", "a browser key"),
    INGEST("ing_", "an ingestion key"),
    ADMIN("adm_", "an admin key");

    private final String prefix;
    private final String article;

    KeyKind(String prefix, String article) {
        this.prefix = prefix;
        this.article = article;
    }

    public String prefix() {
        return prefix;
    }

    public String column() {
        return name().toLowerCase();
    }

    /** How a problem names this kind: "an ingestion key (ing_…)". */
    public String described() {
        return article + " (" + prefix + "…)";
    }

    public static KeyKind ofColumn(String value) {
        return valueOf(value.toUpperCase());
    }

    /** The kind whose prefix the key has, or null. */
    public static KeyKind ofKey(String key) {
        for (KeyKind kind : values()) {
            if (key.startsWith(kind.prefix)) {
                return kind;
            }
        }
        return null;
    }
}

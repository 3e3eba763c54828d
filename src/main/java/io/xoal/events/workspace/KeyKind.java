package io.xoal.events.workspace;

/** What a key may do: ingest events only, or manage and read a workspace. */
public enum KeyKind {
    INGEST("ing_"),
    ADMIN("adm_");

    private final String prefix;

    KeyKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String column() {
        return name().toLowerCase();
    }

    public static KeyKind ofColumn(String value) {
        return valueOf(value.toUpperCase());
    }
}

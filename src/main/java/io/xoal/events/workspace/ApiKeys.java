package io.xoal.events.workspace;

import io.xoal.events.common.Hashes;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Key format: a kind prefix and 32 random lowercase letters and digits; stored as SHA-256. */
public final class ApiKeys {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern FORMAT = Pattern.compile("(pub|ing|adm)_[a-z0-9]{32}");
    private static final int SHOWN = 8;

    private ApiKeys() {
    }

    /** A new random key; the random source is created per call, never in a static initialiser. */
    public static String generate(KeyKind kind) {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(kind.prefix());
        for (int i = 0; i < 32; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    public static boolean wellFormed(String key, KeyKind kind) {
        return key != null && key.startsWith(kind.prefix()) && FORMAT.matcher(key).matches();
    }

    /** The part of a key that may be shown again: its kind and first characters. */
    public static String prefix(String key) {
        return key.substring(0, kind(key).prefix().length() + SHOWN);
    }

    /** The kind of a key that is known to be well formed (generated or checked). */
    public static KeyKind kind(String key) {
        KeyKind kind = KeyKind.ofKey(key);
        if (kind == null) {
            throw new IllegalArgumentException("The key has no known kind prefix");
        }
        return kind;
    }

    public static byte[] hash(String key) {
        return Hashes.sha256(key);
    }
}

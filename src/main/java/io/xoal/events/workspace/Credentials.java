package io.xoal.events.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A key as a request presents it: {@code Bearer <key>}; HTTP Basic with the key as user name and
 * any password (Segment's SDKs); or HTTP Basic {@code site_id:api_key} (Customer.io's clients),
 * where the site id must be the key's workspace id.
 */
record Credentials(String key, String siteId) {

    /** The credentials, or null when the header is missing or not one of these forms. */
    static Credentials parse(String header) {
        if (header == null) {
            return null;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = header.substring(7).trim();
            return key.isEmpty() ? null : new Credentials(key, null);
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (isKey(user)) {
            return new Credentials(user, null);
        }
        return isKey(password) && !user.isEmpty() ? new Credentials(password, user) : null;
    }

    private static boolean isKey(String value) {
        return KeyKind.ofKey(value) != null;
    }
}

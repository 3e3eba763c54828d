package io.xoal.events.ingest.webhook;

import io.xoal.events.error.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The signature scheme Stripe ({@code Stripe-Signature}) and Calendly
 * ({@code Calendly-Webhook-Signature}) share: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body">} (several v1 while a secret rotates). A signature older or newer than the tolerance is
 * refused, so a captured delivery cannot be replayed later.
 */
final class WebhookSignature {

    /** 9999-12-31T23:59:59Z: any t up to it is an instant Java can compare with now. */
    private static final long LAST_SECOND = 253_402_300_799L;

    private WebhookSignature() {
    }

    /** Returns normally when {@code header} signs {@code body} with {@code secret} at about {@code now}; 400 otherwise. */
    static void verify(String headerName, String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            throw invalid(headerName, "is missing");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                timestamp = parse(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw invalid(headerName, "must be t=<timestamp>,v1=<signature>");
        }
        if (timestamp < 0 || timestamp > LAST_SECOND) {
            throw invalid(headerName, "has a timestamp t that is not Unix seconds of the years 1970 to 9999");
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
            throw invalid(headerName, "is older than " + tolerance.toSeconds() + " s (or from the future): refused as a replay");
        }
        byte[] expected = hmac(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        boolean matches = signatures.stream().anyMatch(s -> MessageDigest.isEqual(expected, hex(s)));
        if (!matches) {
            throw invalid(headerName, "does not match the body and the signing secret");
        }
    }

    private static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private static byte[] hex(String value) {
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static Long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ProblemException invalid(String header, String message) {
        return ProblemException.invalidField("/headers/" + header, header + " " + message);
    }
}

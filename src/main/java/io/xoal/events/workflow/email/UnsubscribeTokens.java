package io.xoal.events.workflow.email;

import io.xoal.events.ingest.webhook.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token of an unsubscribe link: {@code workspace.customer.signature}, the signature an
 * HMAC-SHA256 over {@code workspace.customer} (the customer's internal id) under a key derived from
 * {@code xoal.webhooks.secrets-key}. The token is the link's only authentication.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    /** Whose link it is. */
    public record Subject(long workspaceId, long customer) {
    }

    private static final String PURPOSE = "xoal email unsubscribe v1";
    private static final Pattern SHAPE = Pattern.compile("([0-9]{1,19})\\.([0-9]{1,19})\\.([A-Za-z0-9_-]{43})");

    private final SecretBox secrets;

    public UnsubscribeTokens(SecretBox secrets) {
        this.secrets = secrets;
    }

    public String token(long workspaceId, long customer) {
        String payload = workspaceId + "." + customer;
        return payload + "." + signature(payload);
    }

    /** The subject of a token this service signed; null for anything else. */
    public Subject verify(String token) {
        Matcher m = token == null ? null : SHAPE.matcher(token);
        if (m == null || !m.matches()) {
            return null;
        }
        String payload = m.group(1) + "." + m.group(2);
        // Only this service's own tokens get here: it signs only ids that fit a long.
        boolean signed = MessageDigest.isEqual(signature(payload).getBytes(StandardCharsets.US_ASCII),
                m.group(3).getBytes(StandardCharsets.US_ASCII));
        return signed ? new Subject(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
    }

    private String signature(String payload) {
        byte[] mac = SecretBox.hmac(secrets.derivedKey(PURPOSE), payload.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}

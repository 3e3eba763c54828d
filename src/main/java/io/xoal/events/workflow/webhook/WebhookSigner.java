package io.xoal.events.workflow.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Standard Webhooks signatures: {@code v1,} and base64 of HMAC-SHA256 over
 * {@code id.timestamp.body}, keyed with the base64 part of a {@code whsec_} secret.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private WebhookSigner() {
    }

    public static String sign(String secret, String id, long timestamp, byte[] body) {
        String key = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

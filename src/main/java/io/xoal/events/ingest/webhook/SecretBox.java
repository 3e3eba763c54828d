package io.xoal.events.ingest.webhook;

import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Encrypts signing secrets at rest with AES-256-GCM under {@code xoal.webhooks.secrets-key}: a
 * stolen database alone does not reveal them. Stored form: 12-byte nonce, then the ciphertext.
 */
@ApplicationScoped
public class SecretBox {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final WebhookConfig config;

    public SecretBox(WebhookConfig config) {
        this.config = config;
    }

    public byte[] seal(String secret) {
        byte[] nonce = new byte[NONCE];
        new SecureRandom().nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, secret.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    }

    public String open(byte[] stored) {
        byte[] nonce = new byte[NONCE];
        System.arraycopy(stored, 0, nonce, 0, NONCE);
        byte[] sealed = new byte[stored.length - NONCE];
        System.arraycopy(stored, NONCE, sealed, 0, sealed.length);
        return new String(crypt(Cipher.DECRYPT_MODE, nonce, sealed), StandardCharsets.UTF_8);
    }

    /**
     * A key of its own for {@code purpose} (e.g. signing unsubscribe links), derived from
     * {@code xoal.webhooks.secrets-key} as HMAC-SHA256(key, purpose): one secret to run, separate keys per use.
     */
    public byte[] derivedKey(String purpose) {
        return hmac(key(), purpose.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code message} under {@code key}. */
    public static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored secret cannot be decrypted with xoal.webhooks.secrets-key", e);
        }
    }

    private byte[] key() {
        byte[] key = config.secretsKey().map(SecretBox::decode).orElse(null);
        if (key == null || key.length != 32) {
            throw new ProblemException(409, "Conflict", "Integrations need XOAL_WEBHOOKS_SECRETS_KEY: base64 of 32 random "
                    + "bytes (openssl rand -base64 32) to encrypt signing secrets", List.of(), null);
        }
        return key;
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

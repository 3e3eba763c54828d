package io.xoal.events.workflow.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the workflow email step; the SMTP server itself is configured with {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "xoal.email")
public interface EmailConfig {

    /** The From address of every workflow email, e.g. {@code Acme <hello@acme.example>}. */
    @WithDefault("Xoal <no-reply@localhost>")
    String from();

    /** Where recipients reach this service: unsubscribe links are {@code {public-url}/email/unsubscribe/{token}}. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** The domain part of every Message-ID, {@code <delivery-id@message-id-domain>}. */
    @WithDefault("xoal.localhost")
    String messageIdDomain();

    /** Longest one SMTP send may take before it counts as a failed attempt (retried). */
    @WithDefault("PT30S")
    Duration sendTimeout();
}

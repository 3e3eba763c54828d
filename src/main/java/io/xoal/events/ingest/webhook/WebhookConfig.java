package io.xoal.events.ingest.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the Stripe and Calendly webhook integrations. */
@ConfigMapping(prefix = "xoal.webhooks")
public interface WebhookConfig {

    /**
     * XOAL_WEBHOOKS_SECRETS_KEY: base64 of 32 random bytes (e.g. {@code openssl rand -base64 32});
     * encrypts the providers' signing secrets at rest. Without it no integration can be set up.
     */
    Optional<String> secretsKey();

    /** How old a signed delivery may be; older ones are refused as replays. */
    @WithDefault("PT5M")
    Duration tolerance();

    /** Largest delivery, in bytes (413 above): a delivery is bounded whole, not as one event. */
    @WithDefault("262144")
    int maxDeliveryBytes();
}

package io.xoal.events.ingest.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Request and response bodies of the integration endpoints; a secret is never returned. */
public final class IntegrationViews {

    private IntegrationViews() {
    }

    @Schema(description = "The provider's webhook signing secret (Stripe: whsec_…; Calendly: the signing key you created the subscription with)",
            example = "{\"signing_secret\": \"whsec_0123456789abcdef\"}")
    public record SecretInput(@NotBlank @Size(min = 8, max = 512) String signingSecret) {
    }

    @Schema(description = "An integration: the URL to give the provider, and a hint of the secret")
    public record IntegrationView(String provider, String webhookPath, String secretHint, Instant updatedAt) {
    }
}

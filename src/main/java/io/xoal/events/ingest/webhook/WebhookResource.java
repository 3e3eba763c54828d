package io.xoal.events.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.Dialect;
import io.xoal.events.ingest.IngestBodyReader;
import io.xoal.events.ingest.IngestOutcomes;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.ingest.IngestService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/**
 * Stripe and Calendly webhook deliveries. The URL's token names the workspace (no key: the
 * providers cannot send one); the signature over the raw body proves the sender. Event types Xoal
 * does not map are acknowledged (200) so that the provider does not retry them forever.
 */
@Path("/ingest/v1")
@Tag(name = "Integrations")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "200", description = "Stored (accepted 1, or duplicates 1 for a redelivery), or ignored (accepted 0)")
@APIResponse(responseCode = "400", description = "Bad or stale signature, or not the provider's JSON; nothing stored. " + IngestOutcomes.INVALID)
@APIResponse(responseCode = "404", description = "No integration has this URL")
@APIResponse(responseCode = "413", description = "A delivery above xoal.webhooks.max-delivery-bytes (256 KB); nothing stored")
@APIResponse(responseCode = "503", description = IngestOutcomes.UNAVAILABLE)
@APIResponse(responseCode = "504", description = IngestOutcomes.OUTCOME_UNKNOWN)
public class WebhookResource {

    private final IntegrationService integrations;
    private final IngestService ingest;
    private final WebhookConfig config;
    private final Clock clock;

    public WebhookResource(IntegrationService integrations, IngestService ingest, WebhookConfig config, Clock clock) {
        this.integrations = integrations;
        this.ingest = ingest;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @Path("stripe/{token}")
    @Operation(summary = "Stripe webhook: payments become payment_made, subscription changes upgraded/downgraded")
    public Uni<IngestReply> stripe(@PathParam("token") String token, @HeaderParam("Stripe-Signature") String signature,
                                   byte[] body) {
        return deliver(Provider.STRIPE, token, signature, body, StripeEvents::handles, StripeEvents::map);
    }

    @POST
    @Path("calendly/{token}")
    @Operation(summary = "Calendly webhook: invitee.created becomes meeting_booked, invitee.canceled meeting_canceled")
    public Uni<IngestReply> calendly(@PathParam("token") String token,
                                     @HeaderParam("Calendly-Webhook-Signature") String signature, byte[] body) {
        return deliver(Provider.CALENDLY, token, signature, body, CalendlyEvents::handles, CalendlyEvents::map);
    }

    private Uni<IngestReply> deliver(Provider provider, String token, String signature, byte[] body,
                                     Predicate<JsonNode> handles, Dialect mapping) {
        if (body != null && body.length > config.maxDeliveryBytes()) {
            throw ProblemException.tooLarge("The delivery is " + body.length + " bytes; the limit is "
                    + config.maxDeliveryBytes() + " bytes");
        }
        return integrations.target(provider, token).chain(target -> {
            WebhookSignature.verify(provider.signatureHeader(), signature, body, target.secret(), clock.instant(), config.tolerance());
            IngestBodyReader.Body parsed = ingest.read(body, null, provider.column());
            if (parsed.batch() || !handles.test(parsed.items().get(0).node())) {
                return Uni.createFrom().item(new IngestReply(0, 0, List.of()));
            }
            return ingest.ingest(target.workspaceId(), parsed, mapping, provider.column(), config.maxDeliveryBytes());
        });
    }
}

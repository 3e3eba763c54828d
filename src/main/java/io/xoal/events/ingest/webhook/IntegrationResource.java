package io.xoal.events.ingest.webhook;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Sets up the Stripe and Calendly webhooks of the workspace: the signing secret in, the URL out. */
@Path("/v1/integrations")
@Tag(name = "Integrations")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class IntegrationResource implements AdminApi {

    private final IntegrationService integrations;
    private final CurrentWorkspace current;

    public IntegrationResource(IntegrationService integrations, CurrentWorkspace current) {
        this.integrations = integrations;
        this.current = current;
    }

    @PUT
    @Path("{provider}")
    @Operation(summary = "Set the signing secret of stripe or calendly; returns the webhook path to give the provider")
    @APIResponse(responseCode = "200", description = "Set; the secret is stored encrypted and only hinted at")
    @APIResponse(responseCode = "409", description = "The service has no XOAL_WEBHOOKS_SECRETS_KEY")
    public Uni<IntegrationViews.IntegrationView> set(@PathParam("provider") String provider,
                                                     @Valid @NotNull IntegrationViews.SecretInput body) {
        return integrations.set(current.id(), Provider.of(provider), body.signingSecret());
    }

    @GET
    @Operation(summary = "The workspace's integrations")
    public Uni<List<IntegrationViews.IntegrationView>> list() {
        return integrations.list(current.id());
    }

    @DELETE
    @Path("{provider}")
    @Operation(summary = "Remove an integration: its webhook URL stops working")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> remove(@PathParam("provider") String provider) {
        return integrations.remove(current.id(), Provider.of(provider));
    }
}

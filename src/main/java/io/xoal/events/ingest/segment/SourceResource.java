package io.xoal.events.ingest.segment;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.ingest.IngestOutcomes;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.workspace.BrowserKeyApi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Xoal's documented source endpoints for Segment ("Webhooks (Actions)", batches of 100),
 * RudderStack, Hightouch and Jitsu: all send Segment-spec messages. A browser key may call them
 * too, held to browser-safe messages.
 */
@Path("/ingest/v1")
@Tag(name = "Event Ingestion")
@SecurityRequirement(name = ApiSecuritySchemes.INGEST)
@SecurityRequirement(name = ApiSecuritySchemes.WRITE_KEY)
public class SourceResource implements BrowserKeyApi {

    private final SegmentIngest ingest;

    public SourceResource(SegmentIngest ingest) {
        this.ingest = ingest;
    }

    @POST
    @Path("{source: segment|rudderstack|hightouch|jitsu}/event")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Messages from Segment, RudderStack, Hightouch or Jitsu",
            description = "One message, an array (Segment's Webhooks (Actions) destination sends up to 100) or "
                    + "`{\"batch\": [...]}`. identify upserts the customer, track/page/screen store events "
                    + "(page_viewed, screen_viewed), group links the customer to a company, alias merges identities.")
    @APIResponse(responseCode = "200", description = IngestOutcomes.COMMITTED,
            content = @Content(schema = @Schema(implementation = IngestReply.class)))
    @APIResponse(responseCode = "400", description = "Bad JSON or no valid message; every error names its field. " + IngestOutcomes.INVALID)
    @APIResponse(responseCode = "401", description = "Missing or unknown key")
    @APIResponse(responseCode = "413", description = "Above 500 KB or 2,500 messages")
    @APIResponse(responseCode = "503", description = IngestOutcomes.UNAVAILABLE)
    @APIResponse(responseCode = "504", description = IngestOutcomes.OUTCOME_UNKNOWN)
    public Uni<IngestReply> event(@PathParam("source") String source, byte[] body) {
        return ingest.ingest(body, source, null, false);
    }
}

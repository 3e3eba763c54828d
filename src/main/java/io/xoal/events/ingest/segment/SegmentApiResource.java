package io.xoal.events.ingest.segment;

import io.smallrye.mutiny.Uni;
import io.xoal.events.ingest.IngestOutcomes;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.workspace.WriteKeyApi;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * Segment's HTTP tracking API, as the official SDKs call it: point an SDK's host here and it
 * works. The key is the HTTP Basic user name, a bearer token, or the body's {@code writeKey}.
 */
@Path("/v1")
@Tag(name = "Segment HTTP API")
public class SegmentApiResource implements WriteKeyApi {

    private static final Map<String, String> CALLS = Map.ofEntries(
            Map.entry("identify", "identify"), Map.entry("i", "identify"),
            Map.entry("track", "track"), Map.entry("t", "track"),
            Map.entry("page", "page"), Map.entry("p", "page"),
            Map.entry("screen", "screen"), Map.entry("s", "screen"),
            Map.entry("group", "group"), Map.entry("g", "group"),
            Map.entry("alias", "alias"), Map.entry("a", "alias"));

    private final SegmentIngest ingest;

    public SegmentApiResource(SegmentIngest ingest) {
        this.ingest = ingest;
    }

    @POST
    @Path("{path: (batch|import|b)/?}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A batch of Segment messages (/v1/batch, /v1/import, /v1/b)",
            description = "Body `{\"batch\": [...], \"context\": {...}, \"sentAt\": ..., \"writeKey\": ...}`; JSON, "
                    + "text/plain or gzip. The batch's context is merged into every message. 400 for bad JSON or above "
                    + "500 KB; a message above 32 KB or invalid is rejected alone, listed in the reply and in "
                    + "`GET /v1/events/rejected`.")
    @APIResponse(responseCode = "200", description = IngestOutcomes.COMMITTED,
            content = @Content(schema = @Schema(implementation = IngestReply.class)))
    @APIResponse(responseCode = "400", description = "Bad JSON, too large, or no valid message. " + IngestOutcomes.INVALID)
    @APIResponse(responseCode = "401", description = "No key, or an unknown one")
    @APIResponse(responseCode = "503", description = IngestOutcomes.UNAVAILABLE)
    @APIResponse(responseCode = "504", description = IngestOutcomes.OUTCOME_UNKNOWN)
    public Uni<IngestReply> batch(byte[] body) {
        return ingest.ingest(body, "segment", null, true);
    }

    @POST
    @Path("{call: identify|track|page|screen|group|alias|i|t|p|s|g|a}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One Segment message; the path gives its type (/v1/track or /v1/t, …)")
    @APIResponse(responseCode = "200", description = IngestOutcomes.COMMITTED,
            content = @Content(schema = @Schema(implementation = IngestReply.class)))
    @APIResponse(responseCode = "400", description = "Bad JSON, too large, or not a valid message. " + IngestOutcomes.INVALID)
    @APIResponse(responseCode = "401", description = "No key, or an unknown one")
    @APIResponse(responseCode = "503", description = IngestOutcomes.UNAVAILABLE)
    @APIResponse(responseCode = "504", description = IngestOutcomes.OUTCOME_UNKNOWN)
    public Uni<IngestReply> call(@PathParam("call") String call, byte[] body) {
        return ingest.ingest(body, "segment", CALLS.get(call), true);
    }
}

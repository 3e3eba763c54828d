package io.xoal.events.ingest.segment;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.ingest.IngestOutcomes;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.workspace.WriteKeyApi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Segment's HTTP tracking API, as the official SDKs call it: point an SDK's host here and it
 * works. The key is the HTTP Basic user name, a bearer token, or the body's {@code writeKey}.
 */
@Path("/v1")
@Tag(name = "Segment HTTP API")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "200", description = IngestOutcomes.COMMITTED,
        content = @Content(schema = @Schema(implementation = IngestReply.class)))
@APIResponse(responseCode = "400", description = "Bad JSON, too large, or no valid message. " + IngestOutcomes.INVALID)
@APIResponse(responseCode = "401", description = "No key, or an unknown one")
@APIResponse(responseCode = "503", description = IngestOutcomes.UNAVAILABLE)
@APIResponse(responseCode = "504", description = IngestOutcomes.OUTCOME_UNKNOWN)
@SecurityRequirementsSet(@SecurityRequirement(name = ApiSecuritySchemes.WRITE_KEY))
@SecurityRequirementsSet(@SecurityRequirement(name = ApiSecuritySchemes.INGEST))
// Segment's Java SDK sends no header: the writeKey in the body authenticates it.
@SecurityRequirementsSet
public class SegmentApiResource implements WriteKeyApi {

    private static final String BATCH = "Body `{\"batch\": [...], \"context\": {...}, \"sentAt\": ..., \"writeKey\": ...}`; JSON, "
            + "text/plain or gzip. The batch's context is merged into every message. 400 for bad JSON or above "
            + "500 KB; a message above 32 KB or invalid is rejected alone, listed in the reply and in "
            + "`GET /v1/events/rejected`.";
    private static final String SAME_AS = "The same as ";

    private final SegmentIngest ingest;

    public SegmentApiResource(SegmentIngest ingest) {
        this.ingest = ingest;
    }

    @POST
    @Path("batch")
    @Operation(summary = "A batch of Segment messages", description = BATCH)
    public Uni<IngestReply> batch(byte[] body) {
        return call(null, body);
    }

    @POST
    @Path("import")
    @Operation(summary = "A batch of Segment messages (Segment's import path; the Java SDK adds a slash: /v1/import/)",
            description = SAME_AS + "/v1/batch")
    public Uni<IngestReply> importBatch(byte[] body) {
        return call(null, body);
    }

    @POST
    @Path("b")
    @Operation(summary = "A batch of Segment messages (short path)", description = SAME_AS + "/v1/batch")
    public Uni<IngestReply> shortBatch(byte[] body) {
        return call(null, body);
    }

    @POST
    @Path("identify")
    @Operation(summary = "One identify: the customer's traits, linking an anonymousId")
    public Uni<IngestReply> identify(byte[] body) {
        return call("identify", body);
    }

    @POST
    @Path("i")
    @Operation(summary = "One identify (short path)", description = SAME_AS + "/v1/identify")
    public Uni<IngestReply> shortIdentify(byte[] body) {
        return call("identify", body);
    }

    @POST
    @Path("track")
    @Operation(summary = "One track: an event")
    public Uni<IngestReply> track(byte[] body) {
        return call("track", body);
    }

    @POST
    @Path("t")
    @Operation(summary = "One track (short path)", description = SAME_AS + "/v1/track")
    public Uni<IngestReply> shortTrack(byte[] body) {
        return call("track", body);
    }

    @POST
    @Path("page")
    @Operation(summary = "One page view: a page_viewed event")
    public Uni<IngestReply> page(byte[] body) {
        return call("page", body);
    }

    @POST
    @Path("p")
    @Operation(summary = "One page view (short path)", description = SAME_AS + "/v1/page")
    public Uni<IngestReply> shortPage(byte[] body) {
        return call("page", body);
    }

    @POST
    @Path("screen")
    @Operation(summary = "One screen view: a screen_viewed event")
    public Uni<IngestReply> screen(byte[] body) {
        return call("screen", body);
    }

    @POST
    @Path("s")
    @Operation(summary = "One screen view (short path)", description = SAME_AS + "/v1/screen")
    public Uni<IngestReply> shortScreen(byte[] body) {
        return call("screen", body);
    }

    @POST
    @Path("group")
    @Operation(summary = "One group: relates the customer to a company with its traits")
    public Uni<IngestReply> group(byte[] body) {
        return call("group", body);
    }

    @POST
    @Path("g")
    @Operation(summary = "One group (short path)", description = SAME_AS + "/v1/group")
    public Uni<IngestReply> shortGroup(byte[] body) {
        return call("group", body);
    }

    @POST
    @Path("alias")
    @Operation(summary = "One alias: merges previousId into userId")
    public Uni<IngestReply> alias(byte[] body) {
        return call("alias", body);
    }

    @POST
    @Path("a")
    @Operation(summary = "One alias (short path)", description = SAME_AS + "/v1/alias")
    public Uni<IngestReply> shortAlias(byte[] body) {
        return call("alias", body);
    }

    /** @param type the message type the path implies, or null for a batch path */
    private Uni<IngestReply> call(String type, byte[] body) {
        return ingest.ingest(body, "segment", type, true);
    }
}

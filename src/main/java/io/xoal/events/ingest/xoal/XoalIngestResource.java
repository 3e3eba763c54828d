package io.xoal.events.ingest.xoal;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.ingest.IngestOutcomes;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.ingest.IngestService;
import io.xoal.events.workspace.CurrentWorkspace;
import io.xoal.events.workspace.IngestApi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Xoal Events API: {@code POST /ingest/v1/event} with an ingestion key. */
@Path("/ingest/v1")
@Tag(name = "Event Ingestion")
@SecurityRequirement(name = ApiSecuritySchemes.INGEST)
public class XoalIngestResource implements IngestApi {

    private static final String SOURCE = "api";

    private final IngestService ingest;
    private final XoalEventParser parser;
    private final CurrentWorkspace current;

    public XoalIngestResource(IngestService ingest, XoalEventParser parser, CurrentWorkspace current) {
        this.ingest = ingest;
        this.parser = parser;
        this.current = current;
    }

    @POST
    @Path("event")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send one event or an array of up to 2,500 events",
            description = "Replies only after the accepted events are committed. Valid items of a batch are stored "
                    + "even when others are invalid (listed under `rejected`); 400 when none is valid; 413 above "
                    + "500 KB or 2,500 events; an event above 32 KB is rejected. A `messageId` seen before (30 days) "
                    + "is counted under `duplicates` and not stored again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = XoalEventSchema.class),
            examples = {
                    @ExampleObject(name = "Xoal's documented sample", value = XoalEventSchema.SAMPLE),
                    @ExampleObject(name = "A company event", value = XoalEventSchema.COMPANY),
                    @ExampleObject(name = "A custom object's event", value = XoalEventSchema.OBJECT),
                    @ExampleObject(name = "A batch with idempotency keys and clock-skew correction",
                            value = XoalEventSchema.BATCH)}))
    @APIResponse(responseCode = "200", description = IngestOutcomes.COMMITTED,
            content = @Content(schema = @Schema(implementation = IngestReply.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or no valid event; every error names its field. " + IngestOutcomes.INVALID)
    @APIResponse(responseCode = "401", description = "Missing or unknown key")
    @APIResponse(responseCode = "403", description = "Not an ingestion key")
    @APIResponse(responseCode = "413", description = "Above 500 KB or 2,500 events")
    @APIResponse(responseCode = "503", description = IngestOutcomes.UNAVAILABLE)
    @APIResponse(responseCode = "504", description = IngestOutcomes.OUTCOME_UNKNOWN)
    public Uni<IngestReply> event(byte[] body) {
        return ingest.ingest(current.id(), ingest.read(body, null, SOURCE), parser, SOURCE);
    }
}

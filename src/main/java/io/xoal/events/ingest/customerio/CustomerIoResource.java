package io.xoal.events.ingest.customerio;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.ingest.Dialect;
import io.xoal.events.ingest.IngestBodyReader;
import io.xoal.events.ingest.IngestOutcomes;
import io.xoal.events.ingest.IngestReply;
import io.xoal.events.ingest.IngestService;
import io.xoal.events.workspace.CurrentWorkspace;
import io.xoal.events.workspace.IngestApi;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Customer.io's Track API (v1 and v2) on the paths its clients call: point a client's Track URL
 * here and authenticate with HTTP Basic {@code site_id:api_key}, where the site id is the
 * workspace id and the API key an ingestion key (docs/ingestion.md). A browser key is refused
 * (403): this API deletes and merges customers, and a browser key is public.
 */
@Path("/api")
@Tag(name = "Customer.io Track API")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "200", description = IngestOutcomes.COMMITTED)
@APIResponse(responseCode = "400", description = "Not valid; every error names its field. " + IngestOutcomes.INVALID)
@APIResponse(responseCode = "401", description = "Missing or unknown key, or a site id that is not the key's workspace")
@APIResponse(responseCode = "403", description = "Not an ingestion key (a browser key may not delete or merge)")
@SecurityRequirement(name = ApiSecuritySchemes.SITE)
@APIResponse(responseCode = "503", description = IngestOutcomes.UNAVAILABLE)
@APIResponse(responseCode = "504", description = IngestOutcomes.OUTCOME_UNKNOWN)
public class CustomerIoResource implements IngestApi {

    private static final String SOURCE = "customerio";

    private final IngestService ingest;
    private final CustomerIoDialect dialect;
    private final CurrentWorkspace current;

    public CustomerIoResource(IngestService ingest, CustomerIoDialect dialect, CurrentWorkspace current) {
        this.ingest = ingest;
        this.dialect = dialect;
        this.current = current;
    }

    @PUT
    @Path("v1/customers/{id}")
    @Operation(summary = "Create or update a person; the body is their attributes")
    public Uni<IngestReply> identify(@PathParam("id") @Size(max = 255) String id, byte[] body) {
        return ingest(body, null, dialect.identify(id));
    }

    @DELETE
    @Path("v1/customers/{id}")
    @Operation(summary = "Delete a person with their events")
    public Uni<IngestReply> delete(@PathParam("id") @Size(max = 255) String id) {
        return ingest.ingest(current.id(), IngestBodyReader.Body.empty(), dialect.delete(id), SOURCE);
    }

    @POST
    @Path("v1/customers/{id}/events")
    @Operation(summary = "Track a person's event: name, data, timestamp (Unix seconds), id (dedup)")
    public Uni<IngestReply> event(@PathParam("id") @Size(max = 255) String id, byte[] body) {
        return ingest(body, null, dialect.event(id));
    }

    @POST
    @Path("v1/events")
    @Operation(summary = "Track an anonymous event (anonymous_id required)")
    public Uni<IngestReply> anonymousEvent(byte[] body) {
        return ingest(body, null, dialect.event(null));
    }

    @POST
    @Path("v1/merge_customers")
    @Operation(summary = "Merge the secondary person into the primary one")
    public Uni<IngestReply> merge(byte[] body) {
        return ingest(body, null, dialect.merge());
    }

    @POST
    @Path("v2/entity")
    @Operation(summary = "One v2 entity operation (person or object: identify, event, page, screen, delete, relationships, merge)")
    public Uni<IngestReply> entity(byte[] body) {
        return ingest(body, null, dialect.entity());
    }

    @POST
    @Path("v2/batch")
    @Operation(summary = "A batch of v2 entity operations: {\"batch\": [...]}")
    public Uni<IngestReply> batch(byte[] body) {
        return ingest(body, "batch", dialect.entity());
    }

    private Uni<IngestReply> ingest(byte[] body, String batchField, Dialect items) {
        return ingest.ingest(current.id(), ingest.read(body, batchField, SOURCE), items, SOURCE);
    }
}

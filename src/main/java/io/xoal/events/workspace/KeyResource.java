package io.xoal.events.workspace;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.error.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * The workspace's keys: create (shown once), list by prefix, revoke. A browser key goes into web
 * pages and apps, an ingestion key stays on servers, an admin key with operators (docs/ingestion.md).
 */
@Path("/v1/keys")
@Tag(name = "Keys")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class KeyResource implements AdminApi {

    private final KeyService keys;
    private final CurrentWorkspace current;

    public KeyResource(KeyService keys, CurrentWorkspace current) {
        this.keys = keys;
        this.current = current;
    }

    @POST
    @Operation(summary = "Create a key; the response is the only place its secret appears")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<Response> create(@Valid @NotNull KeyViews.NewKey body) {
        KeyKind kind = switch (body.kind()) {
            case "browser" -> KeyKind.BROWSER;
            case "ingest" -> KeyKind.INGEST;
            case "admin" -> KeyKind.ADMIN;
            default -> throw ProblemException.invalidField("/kind", "must be 'browser', 'ingest' or 'admin'");
        };
        return keys.issue(current.id(), kind, body.name())
                .map(KeyViews.CreatedKey::of)
                .map(view -> Response.created(URI.create("/v1/keys/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(summary = "List the workspace's keys, newest first (prefix only)")
    public Uni<List<KeyViews.KeyView>> list() {
        return keys.list(current.id())
                .map(list -> list.stream().map(KeyViews.KeyView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "409", description = "The last active admin key cannot be revoked")
    public Uni<KeyViews.KeyView> revoke(@PathParam("id") long id) {
        return keys.revoke(current.id(), id).map(KeyViews.KeyView::of);
    }
}

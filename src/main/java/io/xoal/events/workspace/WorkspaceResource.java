package io.xoal.events.workspace;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Workspaces: the caller's own, and new ones (admin key). */
@Path("/v1/workspaces")
@Tag(name = "Workspaces")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class WorkspaceResource implements AdminApi {

    private final WorkspaceService workspaces;
    private final CurrentWorkspace current;

    public WorkspaceResource(WorkspaceService workspaces, CurrentWorkspace current) {
        this.workspaces = workspaces;
        this.current = current;
    }

    @GET
    @Path("current")
    @Operation(summary = "The workspace of the calling admin key")
    public Uni<KeyViews.WorkspaceView> current() {
        return workspaces.get(current.id()).map(KeyViews.WorkspaceView::of);
    }

    @POST
    @Operation(summary = "Create a workspace with a first admin, ingestion and browser key (shown once)")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<Response> create(@Valid @NotNull KeyViews.NewWorkspace body) {
        return workspaces.create(body.name())
                .map(KeyViews.CreatedWorkspace::of)
                .map(view -> Response.created(URI.create("/v1/workspaces/" + view.id())).entity(view).build());
    }
}

package io.xoal.events.profile;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.common.Limits;
import io.xoal.events.common.Page;
import io.xoal.events.event.EventFeedService;
import io.xoal.events.event.EventView;
import io.xoal.events.event.FeedQuery;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Custom objects by type, and each object's own events. */
@Path("/v1/objects/{type}")
@Tag(name = "Custom objects")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class ObjectResource implements AdminApi {

    private final ObjectService objects;
    private final EventFeedService feed;
    private final CurrentWorkspace current;

    public ObjectResource(ObjectService objects, EventFeedService feed, CurrentWorkspace current) {
        this.objects = objects;
        this.feed = feed;
        this.current = current;
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Create or update an object of this type")
    public Uni<CompanyViews.ObjectView> upsert(@PathParam("type") String type, @PathParam("id") @Size(max = 255) String id,
                                               @Valid @NotNull CompanyViews.ObjectInput body) {
        return objects.upsert(current.id(), type, id, body).map(CompanyViews.ObjectView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an object")
    public Uni<CompanyViews.ObjectView> get(@PathParam("type") String type, @PathParam("id") String id) {
        return objects.get(current.id(), type, id).map(CompanyViews.ObjectView::of);
    }

    @GET
    @Operation(summary = "List the objects of this type, newest first")
    public Uni<Page<CompanyViews.ObjectView>> list(@PathParam("type") String type, @QueryParam("cursor") String cursor,
                                                   @QueryParam("limit") Integer limit) {
        return objects.list(current.id(), type, Limits.cursor(cursor), Limits.clamp(limit, 50, 500))
                .map(page -> page.map(CompanyViews.ObjectView::of));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an object and all its events")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("type") String type, @PathParam("id") String id) {
        return objects.delete(current.id(), type, id);
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The object's own events, newest first")
    public Uni<Page<EventView>> events(@PathParam("type") String type, @PathParam("id") String id,
                                       @QueryParam("name") String name, @QueryParam("from") String from,
                                       @QueryParam("to") String to, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") Integer limit) {
        FeedQuery query = FeedQuery.of(name, from, to, cursor, limit);
        return feed.timeline(current.id(), "object", id, type, query, () -> objects.get(current.id(), type, id));
    }
}

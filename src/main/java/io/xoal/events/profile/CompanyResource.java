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

/** Companies, the customers related to them, and each company's own events. */
@Path("/v1/companies")
@Tag(name = "Companies")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class CompanyResource implements AdminApi {

    private final CompanyService companies;
    private final EventFeedService feed;
    private final CurrentWorkspace current;

    public CompanyResource(CompanyService companies, EventFeedService feed, CurrentWorkspace current) {
        this.companies = companies;
        this.feed = feed;
        this.current = current;
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Create or update the company with this id")
    public Uni<CompanyViews.CompanyView> upsert(@PathParam("id") @Size(max = 255) String id,
                                                @Valid @NotNull CompanyViews.CompanyInput body) {
        return companies.upsert(current.id(), id, body).map(CompanyViews.CompanyView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a company")
    public Uni<CompanyViews.CompanyView> get(@PathParam("id") String id) {
        return companies.get(current.id(), id).map(CompanyViews.CompanyView::of);
    }

    @GET
    @Operation(summary = "List companies, newest first")
    public Uni<Page<CompanyViews.CompanyView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return companies.list(current.id(), Limits.cursor(cursor), Limits.clamp(limit, 50, 500))
                .map(page -> page.map(CompanyViews.CompanyView::of));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a company and all its events")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("id") String id) {
        return companies.delete(current.id(), id);
    }

    @PUT
    @Path("{id}/customers/{customerId}")
    @Operation(summary = "Relate a customer (by id) to the company")
    @APIResponse(responseCode = "204", description = "Related")
    public Uni<Void> relate(@PathParam("id") String id, @PathParam("customerId") String customerId) {
        return companies.relate(current.id(), id, customerId, true);
    }

    @DELETE
    @Path("{id}/customers/{customerId}")
    @Operation(summary = "Remove a customer from the company")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> unrelate(@PathParam("id") String id, @PathParam("customerId") String customerId) {
        return companies.relate(current.id(), id, customerId, false);
    }

    @GET
    @Path("{id}/customers")
    @Operation(summary = "The customers related to the company, newest first")
    public Uni<Page<CustomerViews.CustomerView>> members(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                                         @QueryParam("limit") Integer limit) {
        return companies.members(current.id(), id, Limits.cursor(cursor), Limits.clamp(limit, 50, 500))
                .map(page -> page.map(CustomerViews.CustomerView::of));
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The company's own events, newest first")
    public Uni<Page<EventView>> events(@PathParam("id") String id, @QueryParam("name") String name,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        FeedQuery query = FeedQuery.of(name, from, to, cursor, limit);
        return feed.timeline(current.id(), "company", id, null, query, () -> companies.get(current.id(), id));
    }
}

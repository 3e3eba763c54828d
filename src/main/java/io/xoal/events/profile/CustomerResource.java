package io.xoal.events.profile;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.common.Limits;
import io.xoal.events.common.Page;
import io.xoal.events.common.ProfilesChanged;
import io.xoal.events.event.EventFeedService;
import io.xoal.events.event.EventView;
import io.xoal.events.event.FeedQuery;
import io.xoal.events.segment.ledger.LedgerViews;
import io.xoal.events.segment.ledger.SegmentLedger;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.enterprise.event.Event;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Customers: profiles, search, tags and each customer's own events. Paths name a customer by
 * external id; {@code ?id_type=email} or {@code ?id_type=usid} name it otherwise.
 */
@Path("/v1/customers")
@Tag(name = "Customers")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class CustomerResource implements AdminApi {

    private final CustomerService customers;
    private final EventFeedService feed;
    private final SegmentLedger ledger;
    private final CustomerRelationships relationships;
    private final CurrentWorkspace current;
    private final Event<ProfilesChanged> changed;

    public CustomerResource(CustomerService customers, EventFeedService feed, SegmentLedger ledger,
                            CustomerRelationships relationships, CurrentWorkspace current, Event<ProfilesChanged> changed) {
        this.relationships = relationships;
        this.customers = customers;
        this.changed = changed;
        this.feed = feed;
        this.ledger = ledger;
        this.current = current;
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Create or update the customer with this id")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<Response> upsert(@PathParam("id") @Size(max = 255) String id, @Valid @NotNull CustomerViews.CustomerInput body) {
        return customers.upsert(current.id(), id, body)
                .invoke(() -> changed.fire(new ProfilesChanged(current.id())))
                .map(result -> (result.created()
                        ? Response.created(URI.create("/v1/customers/" + id))
                        : Response.ok())
                        .entity(CustomerViews.CustomerView.of(result.customer())).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a customer")
    public Uni<CustomerViews.CustomerView> get(@PathParam("id") String id, @QueryParam("id_type") String idType) {
        return customers.get(current.id(), CustomerRef.of(id, idType)).map(CustomerViews.CustomerView::of);
    }

    @GET
    @Operation(summary = "List or search customers, newest first")
    public Uni<Page<CustomerViews.CustomerView>> search(@QueryParam("email") String email,
                                                        @QueryParam("tag") String tag,
                                                        @Parameter(description = "key:value of a custom attribute") @QueryParam("attribute") String attribute,
                                                        @QueryParam("cursor") String cursor,
                                                        @QueryParam("limit") Integer limit) {
        return customers.search(current.id(), email, tag, attribute, Limits.cursor(cursor), Limits.clamp(limit, 50, 500))
                .map(page -> page.map(CustomerViews.CustomerView::of));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a customer and all their events")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("id") String id, @QueryParam("id_type") String idType) {
        return customers.delete(current.id(), CustomerRef.of(id, idType));
    }

    @POST
    @Path("{id}/tags")
    @Operation(summary = "Add tags to a customer")
    public Uni<CustomerViews.CustomerView> addTags(@PathParam("id") String id, @QueryParam("id_type") String idType,
                                                   @Valid @NotNull CustomerViews.TagsInput body) {
        return customers.addTags(current.id(), CustomerRef.of(id, idType), body.tags())
                .invoke(() -> changed.fire(new ProfilesChanged(current.id())))
                .map(CustomerViews.CustomerView::of);
    }

    @DELETE
    @Path("{id}/tags/{tag}")
    @Operation(summary = "Remove a tag from a customer")
    public Uni<CustomerViews.CustomerView> removeTag(@PathParam("id") String id, @PathParam("tag") String tag,
                                                     @QueryParam("id_type") String idType) {
        return customers.removeTag(current.id(), CustomerRef.of(id, idType), tag)
                .invoke(() -> changed.fire(new ProfilesChanged(current.id())))
                .map(CustomerViews.CustomerView::of);
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The customer's own events, newest first")
    public Uni<Page<EventView>> events(@PathParam("id") String id, @QueryParam("id_type") String idType,
                                       @QueryParam("name") String name, @QueryParam("from") String from,
                                       @QueryParam("to") String to, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") Integer limit) {
        FeedQuery query = FeedQuery.of(name, from, to, cursor, limit);
        CustomerRef ref = CustomerRef.of(id, idType);
        if (ref.type() == CustomerRef.Type.ID) {
            return feed.timeline(current.id(), "customer", id, null, query, () -> customers.get(current.id(), ref));
        }
        return customers.get(current.id(), ref)
                .flatMap(customer -> feed.timeline(current.id(), "customer", customer.usid, query));
    }

    @GET
    @Path("{id}/segments")
    @Operation(summary = "The segments the customer is in now, since when and why")
    public Uni<List<LedgerViews.CustomerSegment>> segments(@PathParam("id") String id, @QueryParam("id_type") String idType) {
        return customers.get(current.id(), CustomerRef.of(id, idType))
                .flatMap(customer -> ledger.customerSegments(current.id(), customer.usid));
    }

    @GET
    @Path("{id}/relationships")
    @Operation(summary = "The companies and custom objects the customer is related to")
    public Uni<CustomerViews.RelationshipsView> relationships(@PathParam("id") String id, @QueryParam("id_type") String idType) {
        return customers.get(current.id(), CustomerRef.of(id, idType))
                .flatMap(customer -> relationships.of(customer.usid));
    }
}

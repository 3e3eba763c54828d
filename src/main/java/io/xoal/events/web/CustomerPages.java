package io.xoal.events.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.event.EventFeedService;
import io.xoal.events.event.EventView;
import io.xoal.events.event.FeedQuery;
import io.xoal.events.profile.Customer;
import io.xoal.events.profile.CustomerRef;
import io.xoal.events.profile.CustomerRelationships;
import io.xoal.events.profile.CustomerService;
import io.xoal.events.profile.CustomerViews;
import io.xoal.events.segment.ledger.LedgerViews;
import io.xoal.events.segment.ledger.SegmentLedger;
import io.xoal.events.workflow.run.RunReads;
import io.xoal.events.workflow.run.RunViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Customers: a search (by id or e-mail; without a query, the newest), and a customer's profile:
 * attributes, tags, companies and objects, segments (since when and why), workflow runs with their
 * step log, and the customer's own events tab.
 */
@Path("/customers")
@Produces(MediaType.TEXT_HTML)
public class CustomerPages implements DashboardPage {

    private static final int LISTED = 50;
    private static final int RUNS = 10;
    private static final int EVENTS = 200;

    private final CustomerService customers;
    private final CustomerRelationships relationships;
    private final SegmentLedger ledger;
    private final RunReads runs;
    private final EventFeedService feed;
    private final SignedIn signedIn;

    public CustomerPages(CustomerService customers, CustomerRelationships relationships, SegmentLedger ledger,
                         RunReads runs, EventFeedService feed, SignedIn signedIn) {
        this.customers = customers;
        this.relationships = relationships;
        this.ledger = ledger;
        this.runs = runs;
        this.feed = feed;
        this.signedIn = signedIn;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(String q, List<Customer> customers);

        static native TemplateInstance profile(Customer customer, CustomerViews.RelationshipsView related,
                                               List<LedgerViews.CustomerSegment> segments, List<RunViews.RunView> runs,
                                               List<EventView> events, String name);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> search(@QueryParam("q") String q) {
        String query = q == null || q.isBlank() ? null : q.trim();
        long workspace = signedIn.workspaceId();
        Uni<List<Customer>> found;
        if (query == null) {
            found = customers.search(workspace, null, null, null, Long.MAX_VALUE, LISTED).map(page -> page.items());
        } else if (query.contains("@")) {
            found = customers.search(workspace, query, null, null, Long.MAX_VALUE, LISTED).map(page -> page.items());
        } else {
            found = customers.get(workspace, CustomerRef.of(query, null))
                    .map(List::of)
                    .onFailure(ProblemException.class).recoverWithItem(List.of());
        }
        return found.map(list -> Templates.search(query, list));
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public Uni<Response> profile(@PathParam("id") String id, @QueryParam("name") String name) {
        long workspace = signedIn.workspaceId();
        String eventName = name == null || name.isBlank() ? null : name.trim();
        return customers.get(workspace, CustomerRef.of(id, null))
                .flatMap(customer -> Uni.combine().all().unis(
                                relationships.of(customer.usid),
                                ledger.customerSegments(workspace, customer.usid),
                                runsWithLogs(workspace, customer.usid),
                                feed.timeline(workspace, "customer", customer.usid,
                                        new FeedQuery(eventName, null, null, Long.MAX_VALUE, EVENTS)))
                        .with((related, segments, runList, events) -> Templates.profile(customer, related, segments,
                                runList, events.items(), eventName)))
                .map(page -> Response.ok(page).build())
                .onFailure().recoverWithItem(NotFoundPage::orFail);
    }

    /** The customer's latest runs, each with its step log. */
    private Uni<List<RunViews.RunView>> runsWithLogs(long workspace, long usid) {
        return runs.ofCustomer(workspace, usid, Long.MAX_VALUE, RUNS)
                .flatMap(page -> page.items().isEmpty()
                        ? Uni.createFrom().item(List.<RunViews.RunView>of())
                        : Uni.join().all(page.items().stream().map(run -> runs.one(workspace, run.id())).toList())
                                .andFailFast());
    }
}

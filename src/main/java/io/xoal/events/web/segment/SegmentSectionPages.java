package io.xoal.events.web.segment;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.segment.SegmentService;
import io.xoal.events.segment.SegmentViews;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.SignedIn;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The parts of a segment's page that htmx reloads on their own: the size chart's period, pages of
 * members and of the ledger, and the end of a recompute.
 */
@Path("/segments/{id: \\d+}")
@Produces(MediaType.TEXT_HTML)
public class SegmentSectionPages implements DashboardPage {

    private final SegmentSectionReads reads;
    private final SegmentService segments;
    private final SignedIn signedIn;

    public SegmentSectionPages(SegmentSectionReads reads, SegmentService segments, SignedIn signedIn) {
        this.reads = reads;
        this.segments = segments;
        this.signedIn = signedIn;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance size(SegmentSections.Size size);

        static native TemplateInstance members(SegmentSections.Members members);

        static native TemplateInstance transitions(SegmentSections.Transitions transitions);
    }

    @GET
    @Path("size")
    @Operation(hidden = true)
    public Uni<TemplateInstance> size(@PathParam("id") long id, @QueryParam("interval") String interval) {
        return reads.size(signedIn.workspaceId(), id, interval).map(Templates::size);
    }

    @GET
    @Path("members")
    @Operation(hidden = true)
    public Uni<TemplateInstance> members(@PathParam("id") long id, @QueryParam("cursor") String cursor) {
        return reads.members(signedIn.workspaceId(), id, cursor).map(Templates::members);
    }

    @GET
    @Path("transitions")
    @Operation(hidden = true)
    public Uni<TemplateInstance> transitions(@PathParam("id") long id, @QueryParam("customer_id") String customerId,
                                             @QueryParam("cursor") String cursor) {
        return reads.transitions(signedIn.workspaceId(), id, customerId, cursor).map(Templates::transitions);
    }

    /**
     * Polled by the page of a segment being recomputed: nothing (204) while it is, then a reload
     * ({@code HX-Refresh}) to show its members, or why it failed.
     */
    @GET
    @Path("recomputed")
    @Operation(hidden = true)
    public Uni<Response> recomputed(@PathParam("id") long id) {
        return segments.get(signedIn.workspaceId(), id)
                .map(segment -> SegmentSummary.of(SegmentViews.SegmentView.of(segment, null, null), 0).recomputing()
                        ? Response.noContent().build()
                        : Response.ok().header("HX-Refresh", "true").build());
    }
}

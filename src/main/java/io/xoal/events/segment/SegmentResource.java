package io.xoal.events.segment;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.common.Instants;
import io.xoal.events.common.Limits;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.engine.SegmentPreview;
import io.xoal.events.segment.engine.SegmentRefresher;
import io.xoal.events.segment.ledger.LedgerExamples;
import io.xoal.events.segment.ledger.LedgerViews;
import io.xoal.events.segment.ledger.SegmentLedger;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Segments: definitions, preview, members now and in the past, the ledger, size over time. */
@Path("/v1/segments")
@Tag(name = "Segments")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class SegmentResource implements AdminApi {

    private final SegmentService segments;
    private final SegmentLedger ledger;
    private final SegmentPreview preview;
    private final SegmentRefresher refresher;
    private final CurrentWorkspace current;

    public SegmentResource(SegmentService segments, SegmentLedger ledger, SegmentPreview preview, SegmentRefresher refresher,
                           CurrentWorkspace current) {
        this.segments = segments;
        this.ledger = ledger;
        this.preview = preview;
        this.refresher = refresher;
        this.current = current;
    }

    @POST
    @Operation(summary = "Create a segment; its members are computed in the background (see refresh)")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "Purchased in the last 30 days", value = SegmentExamples.PURCHASED),
            @ExampleObject(name = "Signed up a week ago and never upgraded", value = SegmentExamples.STALLED),
            @ExampleObject(name = "VIPs in France, or big spenders", value = SegmentExamples.VIP)}))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid definition; every error names its JSON path")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Uni<Response> create(@Valid @NotNull SegmentViews.SegmentInput body) {
        return segments.create(current.id(), body)
                .invoke(refresher::wake)
                .map(segment -> Response.created(URI.create("/v1/segments/" + segment.id)).entity(view(segment, null)).build());
    }

    @GET
    @Operation(summary = "The workspace's segments, newest first")
    public Uni<Page<SegmentViews.SegmentView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return segments.list(current.id(), Limits.cursor(cursor), Limits.clamp(limit, 50, 200))
                .map(page -> page.map(segment -> view(segment, null)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A segment with its recompute state and member count")
    public Uni<SegmentViews.SegmentView> get(@PathParam("id") long id) {
        return segments.get(current.id(), id)
                .chain(segment -> ledger.memberCount(current.id(), id).map(count -> view(segment, count)));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a segment; a new definition bumps the version and is recomputed in full")
    @APIResponse(responseCode = "400", description = "Invalid definition (or a cycle of in_segment references)")
    public Uni<SegmentViews.SegmentView> update(@PathParam("id") long id, @Valid @NotNull SegmentViews.SegmentInput body) {
        return segments.update(current.id(), id, body)
                .invoke(refresher::wake)
                .map(segment -> view(segment, null));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a segment with its members and ledger")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Other segments read this one (in_segment); the detail names them")
    public Uni<Void> delete(@PathParam("id") long id) {
        return segments.delete(current.id(), id);
    }

    @POST
    @Path("preview")
    @Operation(summary = "Count and sample the customers an unsaved definition matches now; with `history`, its size at each "
            + "step back in time (a backtest). Read-only, time-limited",
            description = "A backtest evaluates the definition as of each instant now - k * interval: customers whose history "
                    + "had begun by then, only the events that occurred before it (backfilled ones included, at their event "
                    + "time), `in_segment` from that segment's ledger. Attributes and tags are the customers' CURRENT values "
                    + "(no attribute history is kept), so conditions on them answer as if they had always had them; customers "
                    + "deleted or merged away since are not counted. Each point is one statement under the preview's time limit.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = SegmentViews.PreviewInput.class),
            examples = {
                    @ExampleObject(name = "Count and sample now", value = SegmentExamples.PREVIEW),
                    @ExampleObject(name = "Backtest: daily sizes over the last 30 days", value = SegmentExamples.BACKTEST)}))
    @APIResponse(responseCode = "200", description = "The count, a sample and (when asked) the size at each step, oldest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SegmentViews.Preview.class),
                    examples = @ExampleObject(name = "A backtest of 3 days", value = SegmentExamples.BACKTEST_RESULT)))
    @APIResponse(responseCode = "400", description = "Invalid definition or history (e.g. more than 200 points); every error "
            + "names its JSON path")
    @APIResponse(responseCode = "422", description = "A statement ran longer than the preview time limit")
    public Uni<SegmentViews.Preview> preview(@Valid @NotNull SegmentViews.PreviewInput body) {
        return preview.preview(current.id(), body);
    }

    @GET
    @Path("{id}/members")
    @Operation(summary = "Members, newest first; with ?at= the members at that past instant (from the ledger)",
            description = "With `at`, members come in descending customer order and a page looks at a bounded number of the "
                    + "ledger's customers (xoal.segments.ledger.scan-per-page): it may hold fewer than `limit` members, even none; "
                    + "follow `next_cursor` until it is absent.")
    @APIResponse(responseCode = "422", description = "The read ran longer than the ledger's time limit")
    public Uni<Page<LedgerViews.Member>> members(@PathParam("id") long id,
                                                 @Parameter(description = "ISO-8601 instant") @QueryParam("at") String at,
                                                 @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Limits.clamp(limit, 100, 1000);
        return at == null
                ? ledger.members(current.id(), id, cursor, size)
                : ledger.membersAt(current.id(), id, instant(at, "/at"), Limits.cursor(cursor), size);
    }

    @GET
    @Path("{id}/members/count")
    @Operation(summary = "How many members, now or ?at= a past instant")
    @APIResponse(responseCode = "422", description = "The read ran longer than the ledger's time limit")
    public Uni<LedgerViews.Count> count(@PathParam("id") long id, @QueryParam("at") String at) {
        return ledger.count(current.id(), id, Instants.parameter(at, "/at"));
    }

    @GET
    @Path("{id}/members/{customerId}")
    @Operation(summary = "Whether the customer is in the segment now, or was ?at= a past instant: since when, why, and the transition",
            description = "Without `at`, the current membership. With `at`, the customer's last transition at or before that "
                    + "instant (of two at the same instant, the later one) answers: `member` is whether it entered, `since` its "
                    + "instant, `cause` and `transition_id` the ledger row. A customer who had no transition by then was never a member.")
    @APIResponse(responseCode = "200", description = "The membership", content = @Content(examples = {
            @ExampleObject(name = "A member since an event", value = LedgerExamples.MEMBER_AT),
            @ExampleObject(name = "Not a member yet at that instant", value = LedgerExamples.NEVER_AT)}))
    @APIResponse(responseCode = "400", description = "`at` is not an ISO-8601 instant with an offset")
    @APIResponse(responseCode = "404", description = "No such segment in the workspace, or no such customer")
    @APIResponse(responseCode = "422", description = "The read ran longer than the ledger's time limit")
    public Uni<LedgerViews.Membership> membership(@PathParam("id") long id, @PathParam("customerId") String customerId,
                                                  @Parameter(description = "ISO-8601 instant, e.g. 2026-11-01T00:00:00Z")
                                                  @QueryParam("at") String at) {
        return ledger.membership(current.id(), id, customerId, Instants.parameter(at, "/at"));
    }

    @GET
    @Path("{id}/transitions")
    @Operation(summary = "The ledger: every enter and leave, newest first, with its cause")
    public Uni<Page<LedgerViews.Transition>> transitions(@PathParam("id") long id, @QueryParam("customer_id") String customerId,
                                                         @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return ledger.transitions(current.id(), id, customerId, Limits.cursor(cursor), Limits.clamp(limit, 100, 1000));
    }

    @GET
    @Path("{id}/size")
    @Operation(summary = "Size at each step from `from` to `to` (interval day or hour), from the ledger")
    @APIResponse(responseCode = "422", description = "The read ran longer than the ledger's time limit")
    public Uni<List<LedgerViews.SizePoint>> size(@PathParam("id") long id, @QueryParam("from") String from,
                                                 @QueryParam("to") String to, @QueryParam("interval") String interval) {
        Duration step = switch (interval == null ? "day" : interval) {
            case "day" -> Duration.ofDays(1);
            case "hour" -> Duration.ofHours(1);
            default -> throw ProblemException.invalidField("/interval", "must be day or hour");
        };
        return ledger.size(current.id(), id, instant(from, "/from"), instant(to, "/to"), step);
    }

    private SegmentViews.SegmentView view(Segment s, Long members) {
        return SegmentViews.SegmentView.of(s, segments.definition(s), members);
    }

    private static Instant instant(String value, String field) {
        Instant instant = Instants.parameter(value, field);
        if (instant == null) {
            throw ProblemException.invalidField(field, "is required (ISO-8601, e.g. 2026-11-01T00:00:00Z)");
        }
        return instant;
    }
}

package io.xoal.events.web.segment;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Limits;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.Segment;
import io.xoal.events.segment.SegmentService;
import io.xoal.events.segment.SegmentViews;
import io.xoal.events.segment.ledger.SegmentLedger;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The Segments tab: the list, one segment's page (size over time, members, ledger) and its reloadable parts. */
@Path("/segments")
@Produces(MediaType.TEXT_HTML)
public class SegmentPages implements DashboardPage {

    private static final int SEGMENTS_PER_PAGE = 50;
    private static final int ROWS_PER_PAGE = 25;

    private final SegmentService segments;
    private final SegmentLedger ledger;
    private final SignedIn signedIn;
    private final DefinitionText definitions;
    private final Clock clock;

    public SegmentPages(SegmentService segments, SegmentLedger ledger, SignedIn signedIn, DefinitionText definitions, Clock clock) {
        this.segments = segments;
        this.ledger = ledger;
        this.signedIn = signedIn;
        this.definitions = definitions;
        this.clock = clock;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<SegmentSummary> segments, String nextCursor, boolean later,
                                            List<DefinitionExamples.Example> examples);

        static native TemplateInstance segment(SegmentSummary summary, String definition, SegmentSections.Size size,
                                               SegmentSections.Members members, SegmentSections.Transitions transitions);

        static native TemplateInstance size(SegmentSections.Size size);

        static native TemplateInstance members(SegmentSections.Members members);

        static native TemplateInstance transitions(SegmentSections.Transitions transitions);

        static native TemplateInstance problem(int status, String title, String detail);
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> list(@QueryParam("cursor") String cursor) {
        long workspaceId = signedIn.workspaceId();
        return Uni.createFrom().deferred(() -> segments.list(workspaceId, Limits.cursor(cursor), SEGMENTS_PER_PAGE))
                .chain(page -> Multi.createFrom().iterable(page.items())
                        .onItem().transformToUniAndConcatenate(this::summary)
                        .collect().asList()
                        .map(rows -> PageResponses.html(Templates.list(rows, page.nextCursor(), cursor != null,
                                DefinitionExamples.ALL))))
                .onFailure(ProblemException.class).recoverWithItem(e -> PageResponses.problem((ProblemException) e));
    }

    @GET
    @Path("{id: \\d+}")
    @Operation(hidden = true)
    public Uni<Response> segment(@PathParam("id") long id) {
        long workspaceId = signedIn.workspaceId();
        return segments.get(workspaceId, id)
                .chain(this::summary)
                .chain(summary -> Uni.combine().all().unis(size(id, null), members(id, null), transitions(id, null))
                        .with((size, members, transitions) -> Templates.segment(summary,
                                definitions.pretty(summary.segment().definition()), size, members, transitions)))
                .map(PageResponses::html)
                .onFailure(ProblemException.class).recoverWithItem(e -> PageResponses.problem((ProblemException) e));
    }

    @GET
    @Path("{id: \\d+}/size")
    @Operation(hidden = true)
    public Uni<TemplateInstance> sizeSection(@PathParam("id") long id, @QueryParam("interval") String interval) {
        return size(id, interval).map(Templates::size);
    }

    @GET
    @Path("{id: \\d+}/members")
    @Operation(hidden = true)
    public Uni<TemplateInstance> membersSection(@PathParam("id") long id, @QueryParam("cursor") String cursor) {
        return members(id, cursor).map(Templates::members);
    }

    @GET
    @Path("{id: \\d+}/transitions")
    @Operation(hidden = true)
    public Uni<TemplateInstance> transitionsSection(@PathParam("id") long id, @QueryParam("cursor") String cursor) {
        return transitions(id, cursor).map(Templates::transitions);
    }

    private Uni<SegmentSummary> summary(Segment segment) {
        SegmentViews.SegmentView view = SegmentViews.SegmentView.of(segment, segments.definition(segment), null);
        return ledger.memberCount(segment.workspaceId, segment.id).map(size -> SegmentSummary.of(view, size));
    }

    /** The last 30 days by day, or with {@code interval=hour} the last 48 hours by hour, ending now. */
    private Uni<SegmentSections.Size> size(long id, String interval) {
        boolean hourly = "hour".equals(interval);
        Instant now = clock.instant();
        Duration step = hourly ? Duration.ofHours(1) : Duration.ofDays(1);
        Instant from = now.minus(hourly ? Duration.ofHours(48) : Duration.ofDays(30));
        return ledger.size(signedIn.workspaceId(), id, from, now, step)
                .map(points -> new SegmentSections.Size(id, hourly, points));
    }

    private Uni<SegmentSections.Members> members(long id, String cursor) {
        return Uni.createFrom().deferred(() -> ledger.members(signedIn.workspaceId(), id, cursor, ROWS_PER_PAGE))
                .map(page -> new SegmentSections.Members(id, page, cursor != null));
    }

    private Uni<SegmentSections.Transitions> transitions(long id, String cursor) {
        return Uni.createFrom().deferred(() -> ledger.transitions(signedIn.workspaceId(), id, null, Limits.cursor(cursor), ROWS_PER_PAGE))
                .map(page -> new SegmentSections.Transitions(id, page, cursor != null));
    }

}

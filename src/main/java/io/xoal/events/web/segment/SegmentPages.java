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

import java.util.List;

/** The Segments tab: the list, and one segment's page (size over time, members, ledger; {@link SegmentSectionPages} reloads each). */
@Path("/segments")
@Produces(MediaType.TEXT_HTML)
public class SegmentPages implements DashboardPage {

    private static final int SEGMENTS_PER_PAGE = 50;

    private final SegmentService segments;
    private final SegmentLedger ledger;
    private final SegmentSectionReads reads;
    private final SignedIn signedIn;
    private final DefinitionText definitions;

    public SegmentPages(SegmentService segments, SegmentLedger ledger, SegmentSectionReads reads, SignedIn signedIn,
                        DefinitionText definitions) {
        this.segments = segments;
        this.ledger = ledger;
        this.reads = reads;
        this.signedIn = signedIn;
        this.definitions = definitions;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<SegmentSummary> segments, String nextCursor, boolean later,
                                            List<DefinitionExamples.Example> examples);

        static native TemplateInstance segment(SegmentSummary summary, String definition, SegmentSections.Size size,
                                               SegmentSections.Members members, SegmentSections.Transitions transitions);

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
                .chain(summary -> Uni.combine().all().unis(reads.size(workspaceId, id, null), reads.members(workspaceId, id, null),
                                reads.transitions(workspaceId, id, null, null))
                        .with((size, members, transitions) -> Templates.segment(summary,
                                definitions.pretty(summary.segment().definition()), size, members, transitions)))
                .map(PageResponses::html)
                .onFailure(ProblemException.class).recoverWithItem(e -> PageResponses.problem((ProblemException) e));
    }

    private Uni<SegmentSummary> summary(Segment segment) {
        SegmentViews.SegmentView view = SegmentViews.SegmentView.of(segment, segments.definition(segment), null);
        return ledger.memberCount(segment.workspaceId, segment.id).map(size -> SegmentSummary.of(view, size));
    }
}

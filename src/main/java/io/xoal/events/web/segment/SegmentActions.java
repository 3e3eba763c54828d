package io.xoal.events.web.segment;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.SegmentService;
import io.xoal.events.segment.SegmentViews;
import io.xoal.events.segment.engine.SegmentRefresher;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.SignedIn;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The segment page's buttons: pause, resume (a PUT of the same segment with the other status, as
 * the API does it) and delete. A refusal (e.g. a segment others read) is shown next to the buttons.
 */
@Path("/segments/{id: \\d+}")
@Produces(MediaType.TEXT_HTML)
public class SegmentActions implements DashboardPage {

    private final SegmentService segments;
    private final SegmentRefresher refresher;
    private final SignedIn signedIn;

    public SegmentActions(SegmentService segments, SegmentRefresher refresher, SignedIn signedIn) {
        this.segments = segments;
        this.refresher = refresher;
        this.signedIn = signedIn;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String detail);
    }

    @POST
    @Path("pause")
    @Operation(hidden = true)
    public Uni<Response> pause(@PathParam("id") long id) {
        return status(id, "paused");
    }

    @POST
    @Path("resume")
    @Operation(hidden = true)
    public Uni<Response> resume(@PathParam("id") long id) {
        return status(id, "active");
    }

    @DELETE
    @Operation(hidden = true)
    public Uni<Response> delete(@PathParam("id") long id) {
        return segments.delete(signedIn.workspaceId(), id)
                .map(ignored -> Response.ok().header("HX-Redirect", "/segments").build())
                .onFailure(ProblemException.class).recoverWithItem(this::refused);
    }

    private Uni<Response> status(long id, String status) {
        long workspaceId = signedIn.workspaceId();
        return segments.get(workspaceId, id)
                .chain(s -> segments.update(workspaceId, id,
                        new SegmentViews.SegmentInput(s.name, s.description, segments.definition(s), status)))
                .invoke(refresher::wake)
                .map(ignored -> Response.ok().header("HX-Refresh", "true").build())
                .onFailure(ProblemException.class).recoverWithItem(this::refused);
    }

    private Response refused(Throwable failure) {
        return PageResponses.html(Templates.refused(failure.getMessage()));
    }
}

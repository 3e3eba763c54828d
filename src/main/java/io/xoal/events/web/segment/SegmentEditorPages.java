package io.xoal.events.web.segment;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.Segment;
import io.xoal.events.segment.SegmentService;
import io.xoal.events.segment.SegmentViews;
import io.xoal.events.segment.engine.SegmentPreview;
import io.xoal.events.segment.engine.SegmentRefresher;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.SignedIn;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import java.util.List;
import java.util.function.Function;

/**
 * The segment editor: a name and the definition's JSON, previewed live as it is typed (count,
 * sample, 30-day backtest), created or saved through htmx; errors are shown next to their field.
 */
@Path("/segments")
@Produces(MediaType.TEXT_HTML)
public class SegmentEditorPages implements DashboardPage {

    /** The editor's backtest: the size at each day of the last 30. */
    private static final SegmentViews.History BACKTEST = new SegmentViews.History(30, "day");

    private final SegmentService segments;
    private final SegmentPreview preview;
    private final SegmentRefresher refresher;
    private final SegmentForms forms;
    private final SignedIn signedIn;

    public SegmentEditorPages(SegmentService segments, SegmentPreview preview, SegmentRefresher refresher, SegmentForms forms,
                              SignedIn signedIn) {
        this.segments = segments;
        this.preview = preview;
        this.refresher = refresher;
        this.forms = forms;
        this.signedIn = signedIn;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance editor(SegmentForms.Form form, List<DefinitionExamples.Example> examples);

        static native TemplateInstance preview(PreviewResult result);

        static native TemplateInstance formErrors(FormErrors problems);
    }

    @GET
    @Path("new")
    @Operation(hidden = true)
    public TemplateInstance create(@QueryParam("example") String example) {
        return Templates.editor(SegmentForms.Form.of(DefinitionExamples.find(example)), DefinitionExamples.ALL);
    }

    @GET
    @Path("{id: \\d+}/edit")
    @Operation(hidden = true)
    public Uni<Response> edit(@PathParam("id") long id) {
        return segments.get(signedIn.workspaceId(), id)
                .map(segment -> PageResponses.html(Templates.editor(forms.of(segment), DefinitionExamples.ALL)))
                .onFailure(ProblemException.class).recoverWithItem(e -> PageResponses.problem((ProblemException) e));
    }

    @POST
    @Path("preview")
    @Operation(hidden = true)
    public Uni<TemplateInstance> preview(@RestForm String definition) {
        long workspaceId = signedIn.workspaceId();
        return Uni.createFrom().deferred(() -> preview.preview(workspaceId,
                        new SegmentViews.PreviewInput(forms.definition(definition), BACKTEST)))
                .map(PreviewResult::of)
                .onFailure(ProblemException.class).recoverWithItem(e -> PreviewResult.failed((ProblemException) e))
                .map(Templates::preview);
    }

    @POST
    @Operation(hidden = true)
    public Uni<Response> create(@RestForm String name, @RestForm String description, @RestForm String definition) {
        long workspaceId = signedIn.workspaceId();
        return save(name, description, definition, null, input -> segments.create(workspaceId, input));
    }

    /** A saved edit keeps the segment's status: pausing and resuming are the segment page's buttons. */
    @PUT
    @Path("{id: \\d+}")
    @Operation(hidden = true)
    public Uni<Response> update(@PathParam("id") long id, @RestForm String name, @RestForm String description,
                                @RestForm String definition) {
        long workspaceId = signedIn.workspaceId();
        return segments.get(workspaceId, id)
                .chain(current -> save(name, description, definition, current.status,
                        input -> segments.update(workspaceId, id, input)))
                .onFailure(ProblemException.class).recoverWithItem(e -> PageResponses.problem((ProblemException) e));
    }

    private Uni<Response> save(String name, String description, String definition, String status,
                               Function<SegmentViews.SegmentInput, Uni<Segment>> store) {
        return Uni.createFrom().deferred(() -> store.apply(forms.input(name, description, definition, status)))
                .invoke(refresher::wake)
                .map(segment -> Response.ok().header("HX-Redirect", "/segments/" + segment.id).build())
                .onFailure(ProblemException.class)
                .recoverWithItem(e -> PageResponses.html(Templates.formErrors(FormErrors.of((ProblemException) e))));
    }
}

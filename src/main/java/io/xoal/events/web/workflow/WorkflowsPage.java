package io.xoal.events.web.workflow;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Limits;
import io.xoal.events.common.Page;
import io.xoal.events.workflow.WorkflowService;
import io.xoal.events.workflow.WorkflowViews;
import io.xoal.events.workflow.stats.StatsViews;
import io.xoal.events.workflow.stats.StatsWindow;
import io.xoal.events.workflow.stats.WorkflowStats;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.SignedIn;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.util.List;

/** The Workflows tab: every workflow with its status and the run counts of the last 30 days; each links to its page. */
@Path("/workflows")
@Produces(MediaType.TEXT_HTML)
public class WorkflowsPage implements DashboardPage {

    static final int PAGE = 20;

    private final WorkflowService workflows;
    private final WorkflowStats stats;
    private final SignedIn signedIn;
    private final Clock clock;

    public WorkflowsPage(WorkflowService workflows, WorkflowStats stats, SignedIn signedIn, Clock clock) {
        this.workflows = workflows;
        this.stats = stats;
        this.signedIn = signedIn;
        this.clock = clock;
    }

    /** A workflow of the list with its totals over the window and its runs active now. */
    public record Row(long id, String name, String status, int version, String trigger, StatsViews.Counts totals, long active) {
    }

    public record View(List<Row> workflows, String older, boolean first, String emptyCurl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@QueryParam("cursor") String cursor, @Context UriInfo uri) {
        long workspace = signedIn.workspaceId();
        StatsWindow window = StatsWindow.of(null, null, "day", clock.instant());
        return Uni.createFrom().deferred(() -> workflows.list(workspace, Limits.cursor(cursor), PAGE))
                .chain(page -> rows(workspace, page, window).map(rows -> new View(rows,
                        page.nextCursor() == null ? null : "/workflows?cursor=" + page.nextCursor(), cursor == null || cursor.isBlank(),
                        rows.isEmpty() ? WorkflowCurl.create(uri.getBaseUri()) : null)))
                .map(Templates::list);
    }

    private Uni<List<Row>> rows(long workspace, Page<WorkflowViews.WorkflowView> page, StatsWindow window) {
        if (page.items().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Row>> rows = page.items().stream().map(w -> stats.stats(workspace, w.id(), window)
                .map(s -> new Row(w.id(), w.name(), w.status(), w.version(), DefinitionSummary.trigger(w.definition()), s.totals(), s.active())))
                .toList();
        return Uni.join().all(rows).andFailFast();
    }
}

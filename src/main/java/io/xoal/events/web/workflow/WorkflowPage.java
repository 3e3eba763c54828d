package io.xoal.events.web.workflow;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Limits;
import io.xoal.events.workflow.WorkflowService;
import io.xoal.events.workflow.WorkflowViews;
import io.xoal.events.workflow.run.RunReads;
import io.xoal.events.workflow.stats.StatsViews;
import io.xoal.events.workflow.stats.StatsWindow;
import io.xoal.events.workflow.stats.StepCounts;
import io.xoal.events.workflow.stats.WorkflowStats;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.NotFoundPage;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One workflow: its trigger, its run counts of the last 30 days, its steps with the runs at each
 * now and the attempts by outcome, and its recent runs, newest first, a page at a time.
 * Returns a Response rather than a TemplateInstance: another workspace's workflow is a 404 page.
 */
@Path("/workflows/{id}")
@Produces(MediaType.TEXT_HTML)
public class WorkflowPage implements DashboardPage {

    private final WorkflowService workflows;
    private final WorkflowStats stats;
    private final StepCounts steps;
    private final RunReads runs;
    private final SignedIn signedIn;
    private final Clock clock;

    public WorkflowPage(WorkflowService workflows, WorkflowStats stats, StepCounts steps, RunReads runs, SignedIn signedIn, Clock clock) {
        this.workflows = workflows;
        this.stats = stats;
        this.steps = steps;
        this.runs = runs;
        this.signedIn = signedIn;
        this.clock = clock;
    }

    /** A step with its counts: runs at it now (by state) and attempts by outcome, each as "name n" joined. */
    public record StepRow(String id, String type, String gist, String next, String active, String outcomes) {
    }

    public record View(WorkflowViews.WorkflowView workflow, String trigger, StatsViews.Counts totals, long active, List<StepRow> steps,
                       List<RunRow> runs, String older, boolean first) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance workflow(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> workflow(@PathParam("id") long id, @QueryParam("cursor") String cursor) {
        long workspace = signedIn.workspaceId();
        StatsWindow window = StatsWindow.of(null, null, "day", clock.instant());
        return Uni.createFrom().deferred(() -> workflows.get(workspace, id))
                .chain(w -> stats.stats(workspace, id, window)
                        .chain(s -> steps.of(workspace, id, window)
                                .chain(counts -> runs.ofWorkflow(workspace, id, Limits.cursor(cursor), WorkflowsPage.PAGE)
                                        .map(page -> new View(w, DefinitionSummary.trigger(w.definition()), s.totals(), s.active(),
                                                rows(DefinitionSummary.steps(w.definition()), counts),
                                                page.items().stream().map(RunRow::of).toList(),
                                                page.nextCursor() == null ? null : "/workflows/" + id + "?cursor=" + page.nextCursor(),
                                                cursor == null || cursor.isBlank())))))
                .map(view -> Response.ok(Templates.workflow(view)).build())
                .onFailure().recoverWithItem(NotFoundPage::orFail);
    }

    private static List<StepRow> rows(List<DefinitionSummary.Step> steps, Map<String, StepCounts.StepCount> counts) {
        return steps.stream().map(s -> {
            StepCounts.StepCount c = counts.get(s.id());
            return new StepRow(s.id(), s.type(), s.gist(), s.next(), c == null ? "" : joined(c.active()), c == null ? "" : joined(c.outcomes()));
        }).toList();
    }

    private static String joined(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" · "));
    }
}

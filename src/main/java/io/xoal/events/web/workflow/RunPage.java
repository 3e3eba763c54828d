package io.xoal.events.web.workflow;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.web.DashboardPage;
import io.xoal.events.web.NotFoundPage;
import io.xoal.events.web.SignedIn;
import io.xoal.events.web.TimeLabels;
import io.xoal.events.workflow.WorkflowService;
import io.xoal.events.workflow.run.RunReads;
import io.xoal.events.workflow.run.RunRetry;
import io.xoal.events.workflow.run.RunViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * A workflow run with its step log (every attempt of every step, with errors), and a Retry button
 * for a failed run: an htmx POST that swaps in the run as it is after the retry. Another
 * workspace's run is a 404 page, on both.
 */
@Path("/workflows/runs/{id}")
@Produces(MediaType.TEXT_HTML)
public class RunPage implements DashboardPage {

    private final RunReads runs;
    private final RunRetry retries;
    private final WorkflowService workflows;
    private final SignedIn signedIn;

    public RunPage(RunReads runs, RunRetry retries, WorkflowService workflows, SignedIn signedIn) {
        this.runs = runs;
        this.retries = retries;
        this.workflows = workflows;
        this.signedIn = signedIn;
    }

    /** One step attempt as shown. */
    public record LogRow(int seq, int attempt, String step, String started, String finished, String outcome, String badge, String error,
                         String detail) {
    }

    public record View(RunRow run, long workflowId, String workflowName, int version, String due, String exitReason, List<LogRow> log,
                       boolean retryable, String error, String notice) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance run(View view);

        static native TemplateInstance run$details(View view);
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> run(@PathParam("id") long id) {
        long workspace = signedIn.workspaceId();
        return view(workspace, id, null, null)
                .map(view -> Response.ok(Templates.run(view)).build())
                .onFailure().recoverWithItem(NotFoundPage::orFail);
    }

    @POST
    @Path("retry")
    @Operation(hidden = true)
    public Uni<Response> retry(@PathParam("id") long id) {
        long workspace = signedIn.workspaceId();
        return retries.retry(workspace, id)
                .chain(() -> view(workspace, id, null, "Retried: the run is due again at the step it failed on."))
                .onFailure(RunPage::conflict).recoverWithUni(failure -> view(workspace, id, failure.getMessage(), null))
                .map(view -> Response.ok(Templates.run$details(view)).build())
                .onFailure().recoverWithItem(NotFoundPage::orFail);
    }

    private Uni<View> view(long workspace, long id, String error, String notice) {
        return runs.one(workspace, id)
                .chain(run -> workflows.get(workspace, run.workflowId())
                        .map(w -> new View(RunRow.of(run), run.workflowId(), w.name(), run.version(), TimeLabels.utc(run.dueAt()),
                                run.exitReason() == null ? "" : run.exitReason(), run.steps().stream().map(RunPage::row).toList(),
                                "failed".equals(run.state()), error, notice)));
    }

    private static LogRow row(RunViews.StepLogEntry e) {
        return new LogRow(e.stepSeq(), e.attempt(), e.stepId(), TimeLabels.utc(e.startedAt()), TimeLabels.utc(e.finishedAt()), e.outcome(),
                "failed".equals(e.outcome()) ? "badge bad" : "retry".equals(e.outcome()) ? "badge" : "badge good",
                e.error() == null ? "" : e.error(), e.detail() == null ? "" : e.detail().toString());
    }

    private static boolean conflict(Throwable failure) {
        return failure instanceof ProblemException p && p.status() == 409;
    }
}

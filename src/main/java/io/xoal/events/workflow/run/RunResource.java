package io.xoal.events.workflow.run;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Workflow runs and their step logs (a workflow's runs are listed under its own path). */
@Path("/v1/workflow-runs")
@Tag(name = "Workflows")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class RunResource implements AdminApi {

    private final RunReads runs;
    private final RunRetry retries;
    private final CurrentWorkspace current;

    public RunResource(RunReads runs, RunRetry retries, CurrentWorkspace current) {
        this.runs = runs;
        this.retries = retries;
        this.current = current;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A run with its step log (every attempt of every step)")
    @APIResponse(responseCode = "404", description = "No such run in the workspace")
    public Uni<RunViews.RunView> one(@PathParam("id") long id) {
        return runs.one(current.id(), id);
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Retry a failed run at the step it failed on (a webhook keeps its webhook-id); one more attempt")
    @APIResponse(responseCode = "404", description = "No such run in the workspace")
    @APIResponse(responseCode = "409", description = "The run has not failed")
    public Uni<RunViews.RunView> retry(@PathParam("id") long id) {
        return retries.retry(current.id(), id);
    }
}

package io.xoal.events.workflow;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.common.Limits;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import io.xoal.events.workflow.run.RunReads;
import io.xoal.events.workflow.run.RunViews;
import io.xoal.events.workflow.trigger.ApiTrigger;
import io.xoal.events.workflow.trigger.ApiTriggerInput;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Workflow definitions (docs/workflows.md); their runs are under {@code /v1/workflow-runs}. */
@Path("/v1/workflows")
@Tag(name = "Workflows")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class WorkflowResource implements AdminApi {

    private final WorkflowService workflows;
    private final RunReads runs;
    private final CurrentWorkspace current;
    private final ApiTrigger apiTrigger;

    public WorkflowResource(WorkflowService workflows, RunReads runs, CurrentWorkspace current, ApiTrigger apiTrigger) {
        this.workflows = workflows;
        this.runs = runs;
        this.current = current;
        this.apiTrigger = apiTrigger;
    }

    @POST
    @Operation(summary = "Create a workflow; the answer shows its webhook signing secret, once")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "A welcome webhook an hour after signed_up", value = WorkflowExamples.WELCOME),
            @ExampleObject(name = "One run per abandoned cart: wait for its checkout, else remind", value = WorkflowExamples.PER_CART),
            @ExampleObject(name = "On entering a segment, at most weekly; leave on entering another", value = WorkflowExamples.SEGMENT_ENTERED),
            @ExampleObject(name = "Started by API, at most two active runs per customer", value = WorkflowExamples.API)}))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid definition; every error names its JSON path")
    @APIResponse(responseCode = "409", description = "XOAL_WEBHOOKS_SECRETS_KEY is not set: the secret cannot be stored")
    public Uni<Response> create(@Valid @NotNull WorkflowViews.WorkflowInput body) {
        return workflows.create(current.id(), body)
                .map(view -> Response.created(URI.create("/v1/workflows/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(summary = "The workspace's workflows, newest first")
    public Uni<Page<WorkflowViews.WorkflowView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return workflows.list(current.id(), Limits.cursor(cursor), Limits.clamp(limit, 50, 200));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A workflow at its current version")
    @APIResponse(responseCode = "404", description = "No such workflow in the workspace")
    public Uni<WorkflowViews.WorkflowView> get(@PathParam("id") long id) {
        return workflows.get(current.id(), id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a workflow: a new version; runs already enrolled finish on their own version")
    @APIResponse(responseCode = "400", description = "Invalid definition; every error names its JSON path")
    @APIResponse(responseCode = "404", description = "No such workflow in the workspace")
    public Uni<WorkflowViews.WorkflowView> update(@PathParam("id") long id, @Valid @NotNull WorkflowViews.WorkflowInput body) {
        return workflows.update(current.id(), id, body);
    }

    @GET
    @Path("{id}/runs")
    @Operation(summary = "A workflow's runs, newest first; one run with its step log is at /v1/workflow-runs/{id}")
    @APIResponse(responseCode = "404", description = "No such workflow in the workspace")
    public Uni<Page<RunViews.RunView>> runs(@PathParam("id") long id, @QueryParam("cursor") String cursor,
                                            @QueryParam("limit") Integer limit) {
        return runs.ofWorkflow(current.id(), id, Limits.cursor(cursor), Limits.clamp(limit, 50, 200));
    }

    @POST
    @Path("{id}/runs")
    @Operation(summary = "Start a run of an active workflow with an api trigger, for a customer, idempotent by Idempotency-Key")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "A run for u1 with its order as the trigger's properties",
            value = WorkflowExamples.API_RUN)))
    @APIResponse(responseCode = "201", description = "Started; Location is the run")
    @APIResponse(responseCode = "200", description = "The run this Idempotency-Key started before (same customer and payload)")
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, or one longer than 255 characters, or an invalid body")
    @APIResponse(responseCode = "404", description = "No such workflow, or no such customer (create the customer first)")
    @APIResponse(responseCode = "409", description = "The key was used with another body; the workflow is not active or has "
            + "no api trigger; or its re-entry policy or cap admits no run of this customer now")
    public Uni<Response> start(@PathParam("id") long id,
                               @Parameter(description = "one run per key; up to 255 characters", required = true)
                               @HeaderParam("Idempotency-Key") String key,
                               @Valid @NotNull ApiTriggerInput body) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw ProblemException.invalidField("/headers/Idempotency-Key", "is required, 1 to 255 characters");
        }
        return apiTrigger.start(current.id(), id, key, body)
                .map(started -> (started.created() ? Response.created(URI.create("/v1/workflow-runs/" + started.run().id()))
                        : Response.ok()).entity(started.run()).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a workflow with its versions, runs and logs (archive it to keep them)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such workflow in the workspace")
    public Uni<Void> delete(@PathParam("id") long id) {
        return workflows.delete(current.id(), id);
    }
}

package io.xoal.events.workflow.run;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.common.Limits;
import io.xoal.events.common.Page;
import io.xoal.events.profile.CustomerRef;
import io.xoal.events.profile.CustomerService;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's workflow runs, beside the customer's other reads ({@code ?id_type=} as there). */
@Path("/v1/customers/{id}/workflow-runs")
@Tag(name = "Workflows")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class CustomerRunsResource implements AdminApi {

    private final CustomerService customers;
    private final RunReads runs;
    private final CurrentWorkspace current;

    public CustomerRunsResource(CustomerService customers, RunReads runs, CurrentWorkspace current) {
        this.customers = customers;
        this.runs = runs;
        this.current = current;
    }

    @GET
    @Operation(summary = "The customer's runs of every workflow, newest first; one run with its step log is at /v1/workflow-runs/{id}")
    @APIResponse(responseCode = "200", description = "A page of runs; pass next_cursor as cursor for the next one")
    @APIResponse(responseCode = "404", description = "No such customer in the workspace")
    public Uni<Page<RunViews.RunView>> runs(@PathParam("id") String id, @QueryParam("id_type") String idType,
                                            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        long before = Limits.cursor(cursor);
        int size = Limits.clamp(limit, 50, 200);
        return customers.get(current.id(), CustomerRef.of(id, idType))
                .flatMap(customer -> runs.ofCustomer(current.id(), customer.usid, before, size));
    }
}

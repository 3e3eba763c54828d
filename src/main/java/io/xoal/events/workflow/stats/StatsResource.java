package io.xoal.events.workflow.stats;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/** A workflow's analytics (docs/workflows.md, "Analytics"). */
@Path("/v1/workflows/{id}/stats")
@Tag(name = "Workflows")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class StatsResource implements AdminApi {

    private static final String EXAMPLE = """
            {"workflow_id": 1, "from": "2026-11-01T00:00:00Z", "to": "2026-11-03T00:00:00Z", "bucket": "day",
             "totals": {"entered": 120, "completed": 80, "exited_by_goal": 25, "failed": 2, "messages_sent": 190, "messages_failed": 2},
             "active": 13,
             "series": [{"start": "2026-11-01T00:00:00Z", "counts": {"entered": 70, "completed": 50, "exited_by_goal": 10, "failed": 1,
                                                                    "messages_sent": 110, "messages_failed": 1}},
                        {"start": "2026-11-02T00:00:00Z", "counts": {"entered": 50, "completed": 30, "exited_by_goal": 15, "failed": 1,
                                                                    "messages_sent": 80, "messages_failed": 1}}]}""";

    private final WorkflowStats stats;
    private final CurrentWorkspace current;
    private final Clock clock;

    public StatsResource(WorkflowStats stats, CurrentWorkspace current, Clock clock) {
        this.stats = stats;
        this.current = current;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "A workflow's analytics: runs entered, completed, exited by goal, failed and messages sent or failed, "
            + "in total and per hour or day (UTC), and the runs active now")
    @APIResponse(responseCode = "200", description = "The totals and the series",
            content = @Content(examples = @ExampleObject(name = "Two days", value = EXAMPLE)))
    @APIResponse(responseCode = "400",
            description = "A malformed instant, from not before to, an unknown bucket or more than 1,000 buckets")
    @APIResponse(responseCode = "404", description = "No such workflow in the workspace")
    public Uni<StatsViews.Stats> stats(
            @PathParam("id") long id,
            @Parameter(description = "ISO-8601 instant; default: 30 days before to") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to") String to,
            @Parameter(description = "hour or day (default)") @QueryParam("bucket") String bucket) {
        return stats.stats(current.id(), id, StatsWindow.of(from, to, bucket, clock.instant()));
    }
}

package io.xoal.events.workflow.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.ApiSecuritySchemes;
import io.xoal.events.workspace.AdminApi;
import io.xoal.events.workspace.CurrentWorkspace;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A workflow's dry run over stored history (docs/workflows.md, "Dry run"). */
@Path("/v1/workflows/preview")
@Tag(name = "Workflows")
@SecurityRequirement(name = ApiSecuritySchemes.ADMIN)
public class PreviewResource implements AdminApi {

    private static final String REQUEST = """
            {"definition": {"trigger": {"event": "cart_updated"}, "enrol_key": {"property": "cartId"},
                            "goal": {"event": "purchased"},
                            "steps": [{"id": "checkout", "type": "wait_for_event", "event": "checked_out", "match": {"property": "cartId"},
                                       "timeout": "PT24H", "next": "thanks", "timeout_next": "route"},
                                      {"id": "route", "type": "branch",
                                       "cases": [{"condition": {"attribute": {"name": "plan", "type": "string", "op": "eq", "value": "pro"}},
                                                  "next": "remind"}],
                                       "default": "done"},
                                      {"id": "remind", "type": "webhook", "url": "https://example.com/hooks/remind", "next": "done"},
                                      {"id": "thanks", "type": "exit"},
                                      {"id": "done", "type": "exit"}]},
             "from": "2026-10-01T00:00:00Z", "to": "2026-11-01T00:00:00Z"}""";

    private static final String ANSWER = """
            {"from": "2026-10-01T00:00:00Z", "to": "2026-11-01T00:00:00Z", "now": "2026-11-02T08:00:00Z",
             "enrolled": {"runs": 120, "customers": 97, "sample": ["u-812", "u-77"]}, "simulated_runs": 120, "capped": false,
             "completed": 61, "exited_by_goal": 14,
             "steps": [{"id": "checkout", "type": "wait_for_event", "reached": 120, "maybe": 0, "exited_by_goal": 0, "estimated": false,
                        "edges": [{"edge": "next", "to": "thanks", "runs": 40, "maybe": 0, "basis": "stored", "estimated": false},
                                  {"edge": "timeout_next", "to": "route", "runs": 66, "maybe": 0, "basis": "stored", "estimated": false},
                                  {"edge": "goal", "runs": 4, "maybe": 0, "basis": "goal", "estimated": false},
                                  {"edge": "unknown", "runs": 10, "maybe": 0, "basis": "future", "estimated": false}]}]}""";

    private final WorkflowPreview previews;
    private final CurrentWorkspace current;

    public PreviewResource(WorkflowPreview previews, CurrentWorkspace current) {
        this.previews = previews;
        this.current = current;
    }

    @POST
    @Operation(summary = "Dry run: who an unsaved definition would have enrolled over a window of stored history, and how many "
            + "runs would reach each step and take each edge; writes nothing, sends nothing")
    @RequestBody(content = @Content(schema = @Schema(implementation = PreviewViews.PreviewInput.class),
            examples = @ExampleObject(name = "Abandoned carts of October", value = REQUEST)))
    @APIResponse(responseCode = "200", description = "Counts per step and edge; outcomes that depend on sends or on the future are "
            + "marked, not guessed", content = @Content(examples = @ExampleObject(name = "Abandoned carts of October", value = ANSWER)))
    @APIResponse(responseCode = "400", description = "Invalid definition or window; every error names its JSON pointer")
    @APIResponse(responseCode = "422", description = "A trigger kind that cannot be previewed, or the dry run ran out of time")
    public Uni<PreviewViews.Preview> preview(@NotNull JsonNode body) {
        return previews.preview(current.id(), body);
    }
}

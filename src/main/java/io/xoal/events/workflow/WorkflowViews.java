package io.xoal.events.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Request and response bodies of the workflow definition endpoints. */
public final class WorkflowViews {

    private WorkflowViews() {
    }

    @Schema(description = "A workflow: a name, a status and a definition (docs/workflows.md); a new workflow is a draft "
            + "unless a status is given; a change keeps the status unless one is given")
    public record WorkflowInput(
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "draft|active|paused|archived", message = "must be draft, active, paused or archived") String status,
            @NotNull @Schema(implementation = Object.class, description = "trigger, enrol_key, reentry and the steps graph")
            JsonNode definition) {
    }

    /** A workflow at its current version; {@code signing_secret} is shown once, in the answer to its creation. */
    public record WorkflowView(long id, String name, String status, int version, JsonNode definition, Instant createdAt,
                               Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String signingSecret) {

        WorkflowView withSecret(String secret) {
            return new WorkflowView(id, name, status, version, definition, createdAt, updatedAt, secret);
        }
    }
}

package io.xoal.events.workflow.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run asked for by API: the customer (external id) and the trigger event's properties. */
@Schema(description = "The customer (their external id) and the payload, which the run sees as its trigger event's properties")
public record ApiTriggerInput(
        @NotBlank @Size(max = 255) String customerId,
        @Schema(implementation = Object.class, description = "a JSON object; default {}") ObjectNode payload) {
}

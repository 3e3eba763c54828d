package io.xoal.events.workflow.preview;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of a workflow's dry run. */
public final class PreviewViews {

    private PreviewViews() {
    }

    @Schema(description = "A definition as a workflow's (validated the same way) and the window of stored history to run it over")
    public record PreviewInput(@Schema(implementation = Object.class, required = true) JsonNode definition,
                               @Schema(required = true, example = "2026-11-01T00:00:00Z") String from,
                               @Schema(required = true, description = "exclusive; at most 366 days after from") String to) {
    }

    /** Who would have enrolled: runs after the enrolment key and re-entry, their customers, up to 20 of their ids (latest first). */
    public record Enrolled(long runs, long customers, List<String> sample) {
    }

    /**
     * An outgoing edge and how many runs take it: {@code runs} known from stored data, {@code maybe} only if an
     * unknown outcome before went their way; {@code basis}: stored, time, estimated (split), send (if it succeeds),
     * exit, goal, future (not known yet) or loop (counted, not followed again).
     */
    public record EdgeView(String edge, String to, long runs, long maybe, String basis, boolean estimated) {
    }

    /** How many runs reach a step (known, maybe), how many leave by the goal before it, and where they go. */
    public record StepView(String id, String type, long reached, long maybe, long exitedByGoal, boolean estimated,
                           List<EdgeView> edges) {
    }

    @Schema(description = "A dry run over stored history: nothing is written and nothing sent")
    public record Preview(Instant from, Instant to, Instant now, Enrolled enrolled, long simulatedRuns, boolean capped,
                          long completed, long exitedByGoal, List<StepView> steps, long tookMs) {
    }
}

package io.xoal.events.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.segment.ledger.LedgerViews;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of the segment endpoints. */
public final class SegmentViews {

    private SegmentViews() {
    }

    @Schema(description = "A segment: a name unique in the workspace and a definition (docs/segments.md)")
    public record SegmentInput(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @NotNull @Schema(implementation = Object.class, description = "A tree of and / or / not over performed, "
                    + "attribute, tag and in_segment conditions") JsonNode definition,
            @Pattern(regexp = "active|paused", message = "must be active or paused") String status) {
    }

    /** A segment with the state of its last full recompute and of its evaluations. */
    public record SegmentView(long id, String name, String description, JsonNode definition, String status, int version,
                              Instant createdAt, Instant updatedAt, Refresh refresh, Evaluation evaluation, Long members) {

        public static SegmentView of(Segment s, JsonNode definition, Long members) {
            return new SegmentView(s.id, s.name, s.description, definition, s.status, s.version, s.createdAt, s.updatedAt,
                    Refresh.of(s), Evaluation.of(s), members);
        }
    }

    /**
     * The full recompute that follows a definition change: pending, running (with percent), done or
     * failed; {@code paused} while the segment is paused (nothing is computed; it is recomputed in
     * full when resumed).
     */
    public record Refresh(String state, Integer version, int percent, Instant startedAt, Instant finishedAt, String error) {

        static Refresh of(Segment s) {
            String state = "paused".equals(s.status) ? "paused" : s.refreshState;
            return new Refresh(state, s.refreshVersion, s.refreshPercent, s.refreshStartedAt, s.refreshFinishedAt, s.refreshError);
        }
    }

    /**
     * How the evaluations of the current version go: {@code ok}; {@code failing} (the last ones
     * failed: {@code failures} in a row, the last {@code error}; retried); {@code failed} (skipped by
     * event-driven evaluation and the sweep until the segment is changed).
     */
    public record Evaluation(String state, int failures, String error, Instant failedAt) {

        private static final Evaluation OK = new Evaluation("ok", 0, null, null);

        static Evaluation of(Segment s) {
            boolean current = s.evaluationVersion != null && s.evaluationVersion == s.version && s.evaluationFailures > 0;
            return current ? new Evaluation(s.evaluationState, s.evaluationFailures, s.evaluationError, s.evaluationFailedAt) : OK;
        }
    }

    @Schema(description = "An unsaved definition to try")
    public record PreviewInput(@NotNull @Schema(implementation = Object.class) JsonNode definition) {
    }

    /** How many customers match now, and a sample of them (without since / cause: they are not members). */
    public record Preview(long count, List<LedgerViews.Member> sample, long tookMs) {
    }
}

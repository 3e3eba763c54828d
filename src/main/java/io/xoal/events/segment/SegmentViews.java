package io.xoal.events.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.segment.ledger.LedgerViews;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    @Schema(description = "An unsaved definition to try; with `history`, also the size it would have had at each step back in time")
    public record PreviewInput(@NotNull @Schema(implementation = Object.class) JsonNode definition, @Valid History history) {
    }

    @Schema(name = "PreviewHistory", description = "A backtest: the size at now, now - interval, now - 2 intervals, ... back to `days` ago (at most "
            + History.MAX_POINTS + " points), from the stored events and the customers' current attributes and tags "
            + "(docs/segments.md, \"Backtest\")")
    public record History(
            @NotNull(message = "is required") @Min(value = 1, message = "must be a positive integer")
            @Max(value = History.MAX_DAYS, message = "must be at most " + History.MAX_DAYS) Integer days,
            @Schema(enumeration = {"hour", "day", "week"}, defaultValue = "day")
            @Pattern(regexp = "hour|day|week", message = "must be hour, day or week") String interval) {

        /** How many instants a backtest may evaluate. */
        public static final int MAX_POINTS = 200;
        /** As far back as a window may reach (100 years). */
        public static final int MAX_DAYS = 36_525;
    }

    /**
     * How many customers match now, and a sample of them (without since / cause: they are not
     * members); with a backtest, the size at each step, oldest first (absent without one).
     */
    @Schema(name = "SegmentPreview")
    public record Preview(long count, List<LedgerViews.Member> sample, long tookMs,
                          @JsonInclude(JsonInclude.Include.NON_NULL)
                          @Schema(description = "Only when `history` was asked: the size at each step, oldest first")
                          List<SizeAt> history) {
    }

    /** The size a backtested definition had at an instant. */
    public record SizeAt(Instant at, long count) {
    }
}

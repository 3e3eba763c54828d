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

    /** A segment with the state of its last full recompute. */
    public record SegmentView(long id, String name, String description, JsonNode definition, String status, int version,
                              Instant createdAt, Instant updatedAt, Refresh refresh, Long members) {
    }

    /** The full recompute that follows a definition change: pending, running (with percent), done or failed. */
    public record Refresh(String state, Integer version, int percent, Instant startedAt, Instant finishedAt, String error) {
    }

    @Schema(description = "An unsaved definition to try")
    public record PreviewInput(@NotNull @Schema(implementation = Object.class) JsonNode definition) {
    }

    /** How many customers match now, and a sample of them (without since / cause: they are not members). */
    public record Preview(long count, List<LedgerViews.Member> sample, long tookMs) {
    }
}

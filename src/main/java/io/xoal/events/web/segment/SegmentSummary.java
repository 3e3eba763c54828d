package io.xoal.events.web.segment;

import io.xoal.events.segment.SegmentViews;

import java.time.Instant;

/**
 * A segment as the dashboard shows it: its view, its member count and one state in words (live,
 * recomputing, failing, failed, paused) with the badge it wears and the error behind it, if any.
 */
public record SegmentSummary(SegmentViews.SegmentView segment, long size, String state, String badge, String problem) {

    static SegmentSummary of(SegmentViews.SegmentView s, long size) {
        SegmentViews.Refresh refresh = s.refresh();
        SegmentViews.Evaluation evaluation = s.evaluation();
        if ("paused".equals(s.status())) {
            return new SegmentSummary(s, size, "paused", "", null);
        }
        if ("failed".equals(refresh.state())) {
            return new SegmentSummary(s, size, "recompute failed", "bad", refresh.error());
        }
        if (!"ok".equals(evaluation.state())) {
            return new SegmentSummary(s, size, evaluation.state(), "bad", evaluation.error());
        }
        if ("pending".equals(refresh.state()) || "running".equals(refresh.state())) {
            return new SegmentSummary(s, size, "recomputing " + refresh.percent() + "%", "", null);
        }
        return new SegmentSummary(s, size, "live", "good", null);
    }

    /** When its last full recompute finished, or null while it never has. */
    public Instant lastRefreshed() {
        return segment.refresh().finishedAt();
    }

    public boolean paused() {
        return "paused".equals(segment.status());
    }

    /** Whether a full recompute is pending or running (the page then waits for its end to reload). */
    public boolean recomputing() {
        String state = segment.refresh().state();
        return "pending".equals(state) || "running".equals(state);
    }
}

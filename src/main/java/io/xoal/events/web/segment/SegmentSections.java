package io.xoal.events.web.segment;

import io.xoal.events.common.Page;
import io.xoal.events.segment.ledger.LedgerViews;
import io.xoal.events.web.ChartJson;

import java.time.Instant;
import java.util.List;

/** The parts of a segment's page that htmx reloads on their own: size chart, members, transitions. */
public final class SegmentSections {

    private SegmentSections() {
    }

    /** Size at each day of the last 30 days, or each hour of the last 48 ({@code hourly}). */
    public record Size(long segmentId, boolean hourly, List<LedgerViews.SizePoint> points) {

        public String chart() {
            return ChartJson.line("Members", points.stream().map(LedgerViews.SizePoint::at).toList(),
                    points.stream().map(LedgerViews.SizePoint::size).toList());
        }

        public Instant from() {
            return points.isEmpty() ? null : points.get(0).at();
        }
    }

    /** A page of the members, newest first; {@code later} when it is not the first page. */
    public record Members(long segmentId, Page<LedgerViews.Member> page, boolean later) {
    }

    /**
     * A page of the ledger, newest first, of every customer or of {@code customerId}; {@code later}
     * when it is not the first page; {@code problem} when that customer does not exist.
     */
    public record Transitions(long segmentId, String customerId, Page<LedgerViews.Transition> page, boolean later, String problem) {

        static Transitions unknown(long segmentId, String customerId, String problem) {
            return new Transitions(segmentId, customerId, new Page<>(List.of(), null), false, problem);
        }
    }
}

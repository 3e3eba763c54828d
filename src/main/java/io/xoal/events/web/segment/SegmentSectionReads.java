package io.xoal.events.web.segment;

import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Limits;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.SegmentService;
import io.xoal.events.segment.ledger.SegmentLedger;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Reads the parts of a segment's page from the ledger, for the whole page and for htmx's reloads of one part. */
@ApplicationScoped
public class SegmentSectionReads {

    private static final int ROWS_PER_PAGE = 25;

    private final SegmentService segments;
    private final SegmentLedger ledger;
    private final Clock clock;

    public SegmentSectionReads(SegmentService segments, SegmentLedger ledger, Clock clock) {
        this.segments = segments;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The last 30 days by day, or with {@code interval=hour} the last 48 hours by hour, ending now. */
    Uni<SegmentSections.Size> size(long workspaceId, long id, String interval) {
        boolean hourly = "hour".equals(interval);
        Instant now = clock.instant();
        Duration step = hourly ? Duration.ofHours(1) : Duration.ofDays(1);
        Instant from = now.minus(hourly ? Duration.ofHours(48) : Duration.ofDays(30));
        return ledger.size(workspaceId, id, from, now, step)
                .map(points -> new SegmentSections.Size(id, hourly, points));
    }

    Uni<SegmentSections.Members> members(long workspaceId, long id, String cursor) {
        return Uni.createFrom().deferred(() -> ledger.members(workspaceId, id, cursor, ROWS_PER_PAGE))
                .map(page -> new SegmentSections.Members(id, page, cursor != null));
    }

    /**
     * The ledger, or one customer's part of it ("why is X in?"). The segment is found first, so
     * that a 404 of the ledger's read can only mean an unknown customer, shown in the section.
     */
    Uni<SegmentSections.Transitions> transitions(long workspaceId, long id, String customerId, String cursor) {
        String customer = customerId == null || customerId.isBlank() ? null : customerId.trim();
        return segments.get(workspaceId, id)
                .chain(() -> ledger.transitions(workspaceId, id, customer, Limits.cursor(cursor), ROWS_PER_PAGE)
                        .map(page -> new SegmentSections.Transitions(id, customer, page, cursor != null, null))
                        .onFailure(e -> customer != null && e instanceof ProblemException p && p.status() == 404)
                        .recoverWithItem(e -> SegmentSections.Transitions.unknown(id, customer, e.getMessage())));
    }
}

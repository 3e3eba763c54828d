package io.xoal.events.segment.engine;

import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.SegmentViews;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The instants a backtest evaluates a definition at: {@code now - k * interval} for k = 0 up to
 * {@code days} back (fixed hours in UTC: a day is 24 hours, a week 168), oldest first.
 */
final class Backtest {

    private Backtest() {
    }

    /** The points of {@code history} from {@code now}; 400 naming {@code /history} beyond {@link SegmentViews.History#MAX_POINTS}. */
    static List<Instant> points(SegmentViews.History history, Instant now) {
        Duration step = switch (history.interval() == null ? "day" : history.interval()) {
            case "hour" -> Duration.ofHours(1);
            case "week" -> Duration.ofDays(7);
            default -> Duration.ofDays(1);
        };
        long steps = Duration.ofDays(history.days()).dividedBy(step);
        if (steps + 1 > SegmentViews.History.MAX_POINTS) {
            throw ProblemException.invalidField("/history", "asks for " + (steps + 1) + " points; at most "
                    + SegmentViews.History.MAX_POINTS + " (fewer days or a longer interval)");
        }
        List<Instant> points = new ArrayList<>();
        for (long k = steps; k >= 0; k--) {
            points.add(now.minus(step.multipliedBy(k)));
        }
        return points;
    }
}

package io.xoal.events.web;

import io.xoal.events.event.EventView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Where a live feed stands. A flush may commit a lower id after a higher one was already read, so
 * the poll does not start after the newest id seen but after the newest id seen a look-back ago:
 * every event whose transaction commits within the look-back of taking its id is delivered, and
 * exactly once (the ids delivered are remembered until the floor passes them). The last
 * {@value #KEPT} delivered events are kept for a tab that joins a moment after its page was read.
 */
final class FeedCursor {

    static final int KEPT = 1000;

    private final Duration lookBack;
    private final NavigableSet<Long> delivered = new TreeSet<>();
    private final Deque<EventView> kept = new ArrayDeque<>();
    private final Deque<Mark> marks = new ArrayDeque<>();
    private long floor;
    private long newest;

    FeedCursor(long start, Duration lookBack) {
        this.floor = start;
        this.newest = start;
        this.lookBack = lookBack;
    }

    /** The id the next poll reads after. */
    synchronized long floor() {
        return floor;
    }

    /** The kept events above {@code afterId}, oldest first: what a tab joining now has not shown. */
    synchronized List<EventView> recent(long afterId) {
        return kept.stream().filter(event -> event.id() > afterId).toList();
    }

    /** The rows of a poll not delivered before, in the order given; moves the floor up to what is a look-back old. */
    synchronized List<EventView> fresh(List<EventView> rows, Instant now) {
        List<EventView> fresh = new ArrayList<>();
        for (EventView row : rows) {
            if (row.id() > floor && delivered.add(row.id())) {
                fresh.add(row);
                kept.addLast(row);
                if (kept.size() > KEPT) {
                    kept.removeFirst();
                }
            }
            newest = Math.max(newest, row.id());
        }
        marks.addLast(new Mark(now, newest));
        Instant settled = now.minus(lookBack);
        while (marks.size() > 1 && !marks.peekFirst().at().isAfter(settled)) {
            floor = Math.max(floor, marks.pollFirst().newest());
        }
        delivered.headSet(floor, true).clear();
        return fresh;
    }

    private record Mark(Instant at, long newest) {
    }
}

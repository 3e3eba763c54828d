package io.xoal.events.segment.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customers one workspace's queued work touched: by event name, the latest event of each and
 * when each such event occurred (when the writer recorded it: the ingest flush does),
 * the customers who changed themselves — their profile (an entry without event), or where their
 * history starts (an event entry without a name: the flush writes one for an event that is the
 * customer's first, which a new customer's or a back-filled event is) — and the customers who
 * entered or left a segment outside this path (a row whose event id is the segment's id negated,
 * written by {@link SegmentEvaluator}).
 */
final class Touched {

    /**
     * One queued entry: a customer, the event that touched them (null: a profile change; negative:
     * a segment), its name, and when it occurred (null when not recorded).
     */
    record Entry(Long usid, Long event, String name, OffsetDateTime occurredAt) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, Long> lastEvent = new LinkedHashMap<>();
    private final Map<String, Map<Long, Long>> byName = new HashMap<>();
    /** name → usid → event id → when that touching event occurred. */
    private final Map<String, Map<Long, Map<Long, Instant>>> occurred = new HashMap<>();
    private final Map<Long, Set<Long>> bySegment = new HashMap<>();
    private final Set<Long> profileChanged = new HashSet<>();
    /** usid → cause, of the customers whose profile or history start changed. */
    private final Map<Long, String> changed = new LinkedHashMap<>();

    /** One queue row's entries; {@code occurredAts} may be null (not recorded). */
    void add(Long[] usids, Long[] eventIds, String[] names, OffsetDateTime[] occurredAts) {
        for (int i = 0; i < usids.length; i++) {
            OffsetDateTime at = occurredAts == null ? null : occurredAts[i];
            entries.add(new Entry(usids[i], eventIds[i], names[i], at));
            Long event = eventIds[i];
            if (event != null && event < 0) {
                bySegment.computeIfAbsent(-event, s -> new LinkedHashSet<>()).add(usids[i]);
                continue;
            }
            if (event == null) {
                profileChanged.add(usids[i]);
            }
            if (event == null || names[i] == null) {
                changed.put(usids[i], cause(event));
            } else {
                lastEvent.put(usids[i], event);
            }
            if (names[i] != null) {
                byName.computeIfAbsent(names[i], n -> new HashMap<>()).put(usids[i], event);
            }
            if (names[i] != null && event != null && at != null) {
                occurred.computeIfAbsent(names[i], n -> new HashMap<>()).computeIfAbsent(usids[i], u -> new HashMap<>())
                        .put(event, at.toInstant());
            }
        }
    }

    /** How many distinct events of {@code name} that touched the customer occurred in {@code [from, to)} (null: unbounded). */
    int countIn(String name, long usid, Instant from, Instant to) {
        int count = 0;
        for (Instant at : occurred.getOrDefault(name, Map.of()).getOrDefault(usid, Map.of()).values()) {
            if ((from == null || !at.isBefore(from)) && (to == null || at.isBefore(to))) {
                count++;
            }
        }
        return count;
    }

    /** usid → cause, for the customers this segment can change for. */
    Map<Long, String> candidates(LiveSegment segment) {
        Map<Long, String> candidates = new LinkedHashMap<>();
        for (long read : segment.facts().dependsOn()) {
            bySegment.getOrDefault(read, Set.of()).forEach(usid -> candidates.put(usid, "segment " + read));
        }
        if (segment.facts().readsCustomerChanges()) {
            candidates.putAll(changed);
        }
        if (segment.facts().readsActivity()) {
            lastEvent.forEach((usid, event) -> candidates.put(usid, cause(event)));
        }
        for (String name : segment.facts().eventNames()) {
            byName.getOrDefault(name, Map.of()).forEach((usid, event) -> candidates.put(usid, cause(event)));
        }
        return candidates;
    }

    /** The entries that make {@link #candidates} of this segment: queued again, they make the same candidates. */
    List<Entry> sourcesOf(LiveSegment segment) {
        return entries.stream().filter(entry -> makesCandidate(segment, entry)).toList();
    }

    private static boolean makesCandidate(LiveSegment segment, Entry entry) {
        if (entry.event() != null && entry.event() < 0) {
            return segment.facts().dependsOn().contains(-entry.event());
        }
        if (entry.event() == null || entry.name() == null) {
            return segment.facts().readsCustomerChanges();
        }
        return segment.facts().readsActivity() || segment.facts().eventNames().contains(entry.name());
    }

    /**
     * For a segment that reads no profile: the touched customers that only events of names it
     * does not read touched (no profile change, no segment it reads changed for them). Such an
     * event can only move their history start earlier (docs/segments.md, the history rule), which
     * never makes a member leave; a profile change (a later joined_date) can, so it is never here.
     */
    Set<Long> unreadEventsOnly(LiveSegment segment) {
        if (segment.facts().readsProfile()) {
            return new HashSet<>();
        }
        Set<Long> only = new HashSet<>(changed.keySet());
        only.addAll(lastEvent.keySet());
        only.removeAll(profileChanged);
        segment.facts().eventNames().forEach(name -> only.removeAll(byName.getOrDefault(name, Map.of()).keySet()));
        segment.facts().dependsOn().forEach(read -> only.removeAll(bySegment.getOrDefault(read, Set.of())));
        return only;
    }

    private static String cause(Long event) {
        return event == null ? "profile change" : "event " + event;
    }
}

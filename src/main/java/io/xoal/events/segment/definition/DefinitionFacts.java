package io.xoal.events.segment.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a definition reads, so that work is done only where it can change membership: the event
 * names of its performed conditions, whether it reads profiles (attributes, tags), the segments it
 * depends on, and what makes it change with time alone (relative windows and dates).
 */
public record DefinitionFacts(List<String> eventNames, boolean readsProfile, List<Node.InSegment> segments,
                              List<Lapse> lapses, List<Node.Attribute> relativeDates, boolean monotone) {

    /** A relative window: events of {@code event} leave it {@code length} after they occurred. */
    public record Lapse(String event, Duration length) {
    }

    /** The ids of the segments this one reads. */
    public List<Long> dependsOn() {
        return segments.stream().map(Node.InSegment::segmentId).distinct().toList();
    }

    /**
     * Whether new events can only add members: every condition is "performed at least n" under
     * and / or only. Then an event never makes a member leave (only time or a new definition can),
     * and event-driven evaluation may skip current members.
     */
    public boolean growsWithEvents() {
        return monotone;
    }

    public boolean timeRelative() {
        return !lapses.isEmpty() || !relativeDates.isEmpty();
    }

    public static DefinitionFacts of(Node root) {
        Set<String> names = new LinkedHashSet<>();
        List<Node.InSegment> segments = new ArrayList<>();
        List<Lapse> lapses = new ArrayList<>();
        List<Node.Attribute> dates = new ArrayList<>();
        boolean[] profile = {false};
        walk(root, names, segments, lapses, dates, profile);
        return new DefinitionFacts(List.copyOf(names), profile[0], List.copyOf(segments), List.copyOf(lapses), List.copyOf(dates),
                monotone(root));
    }

    private static boolean monotone(Node node) {
        if (node instanceof Node.And and) {
            return and.children().stream().allMatch(DefinitionFacts::monotone);
        }
        if (node instanceof Node.Or or) {
            return or.children().stream().allMatch(DefinitionFacts::monotone);
        }
        return node instanceof Node.Performed performed && performed.count().op() == Node.CountOp.AT_LEAST;
    }

    private static void walk(Node node, Set<String> names, List<Node.InSegment> segments, List<Lapse> lapses,
                             List<Node.Attribute> dates, boolean[] profile) {
        if (node instanceof Node.And and) {
            and.children().forEach(child -> walk(child, names, segments, lapses, dates, profile));
        } else if (node instanceof Node.Or or) {
            or.children().forEach(child -> walk(child, names, segments, lapses, dates, profile));
        } else if (node instanceof Node.Not not) {
            walk(not.child(), names, segments, lapses, dates, profile);
        } else if (node instanceof Node.Performed performed) {
            names.add(performed.event());
            if (performed.window().relative()) {
                lapses.add(new Lapse(performed.event(), performed.window().last()));
            }
        } else if (node instanceof Node.Attribute attribute) {
            profile[0] = true;
            if (attribute.filter().op() == Op.MORE_THAN_AGO || attribute.filter().op() == Op.LESS_THAN_AGO) {
                dates.add(attribute);
            }
        } else if (node instanceof Node.Tag) {
            profile[0] = true;
        } else if (node instanceof Node.InSegment in) {
            segments.add(in);
        }
    }
}

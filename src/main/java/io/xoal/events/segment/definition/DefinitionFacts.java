package io.xoal.events.segment.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a definition reads, so that work is done only where it can change membership: the event
 * names of its performed conditions, whether it reads profiles (attributes, tags), the segments it
 * depends on, what makes it change with time alone (relative windows and dates, in attributes and
 * in event property filters), and whether a customer without events can match it.
 *
 * @param emptyMatches  a customer with no events and in no segment can match (e.g. "not performed
 *                      purchase", "not in segment 12"): every new customer is a candidate
 * @param readsHistory  a condition that zero events satisfy has a window, so the start of a
 *                      customer's history decides (the history rule), which any change can move
 * @param monotone      every condition is "performed at least n" under and / or only
 * @param readsActivity a condition reads {@code last_active}, which every event of the customer moves
 */
public record DefinitionFacts(List<String> eventNames, boolean readsProfile, List<Node.InSegment> segments,
                              List<Lapse> lapses, List<Node.Attribute> relativeDates, List<PropertyDate> propertyDates,
                              boolean emptyMatches, boolean readsHistory, boolean monotone, boolean readsActivity) {

    /** A relative window: events of {@code event} leave it {@code length} after they occurred. */
    public record Lapse(String event, Duration length) {
    }

    /** A relative date in a property filter of {@code event}'s condition, whose window is {@code window}. */
    public record PropertyDate(String event, Node.Filter filter, Node.Window window) {
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

    /**
     * Whether a change of the customer itself can change membership: of their profile, or of where
     * their history starts (their first event: a new customer, a back-filled event). An event of a
     * name the definition does not read changes neither (unless it reads {@link #readsActivity}).
     */
    public boolean readsCustomerChanges() {
        return readsProfile || emptyMatches || readsHistory;
    }

    public boolean timeRelative() {
        return !lapses.isEmpty() || !relativeDates.isEmpty() || !propertyDates.isEmpty();
    }

    public static DefinitionFacts of(Node root) {
        Walk walk = new Walk();
        walk.visit(root, false);
        return new DefinitionFacts(List.copyOf(walk.names), walk.profile, List.copyOf(walk.segments), List.copyOf(walk.lapses),
                List.copyOf(walk.dates), List.copyOf(walk.propertyDates), possible(root, true), walk.history, monotone(root),
                walk.activity);
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

    /**
     * Whether {@code node} can be {@code truth} for a customer with no events, in no segment, whose
     * profile may be anything (attributes and tags decide either way).
     */
    private static boolean possible(Node node, boolean truth) {
        if (node instanceof Node.Not not) {
            return possible(not.child(), !truth);
        }
        if (node instanceof Node.And and) {
            return truth ? and.children().stream().allMatch(c -> possible(c, true)) : and.children().stream().anyMatch(c -> possible(c, false));
        }
        if (node instanceof Node.Or or) {
            return truth ? or.children().stream().anyMatch(c -> possible(c, true)) : or.children().stream().allMatch(c -> possible(c, false));
        }
        if (node instanceof Node.Performed performed) {
            return performed.count().accepts(0) == truth;
        }
        if (node instanceof Node.InSegment) {
            return !truth;
        }
        return true;
    }

    private static boolean relative(Node.Filter filter) {
        return filter.op() == Op.MORE_THAN_AGO || filter.op() == Op.LESS_THAN_AGO;
    }

    /** One pass over the tree, with the polarity (under an odd number of nots) of each node. */
    private static final class Walk {
        private final Set<String> names = new LinkedHashSet<>();
        private final List<Node.InSegment> segments = new ArrayList<>();
        private final List<Lapse> lapses = new ArrayList<>();
        private final List<Node.Attribute> dates = new ArrayList<>();
        private final List<PropertyDate> propertyDates = new ArrayList<>();
        private boolean profile;
        private boolean history;
        private boolean activity;

        void visit(Node node, boolean negated) {
            if (node instanceof Node.And and) {
                and.children().forEach(child -> visit(child, negated));
            } else if (node instanceof Node.Or or) {
                or.children().forEach(child -> visit(child, negated));
            } else if (node instanceof Node.Not not) {
                visit(not.child(), !negated);
            } else if (node instanceof Node.Performed performed) {
                performed(performed, negated);
            } else if (node instanceof Node.Attribute attribute) {
                profile = true;
                activity |= "last_active".equals(attribute.name());
                if (relative(attribute.filter())) {
                    dates.add(attribute);
                }
            } else if (node instanceof Node.Tag) {
                profile = true;
            } else if (node instanceof Node.InSegment in) {
                segments.add(in);
            }
        }

        private void performed(Node.Performed performed, boolean negated) {
            names.add(performed.event());
            Node.Window window = performed.window();
            if (window.relative()) {
                lapses.add(new Lapse(performed.event(), window.last()));
            }
            // The same test as SegmentSql's history rule.
            history |= !window.ever() && performed.count().accepts(0) != negated;
            performed.where().stream().filter(DefinitionFacts::relative)
                    .forEach(filter -> propertyDates.add(new PropertyDate(performed.event(), filter, window)));
        }
    }
}

package io.xoal.events.segment.engine;

import io.xoal.events.segment.definition.Node;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the events that touched a customer prove of a definition on their own: k touching events of
 * a performed condition's name that occurred inside its window mean the customer performed it at
 * least k times there; a tag condition is known when the drain read the candidate's tags. Every
 * other condition (counts above that, property filters, attributes, segments, the history rule) is
 * unknown, and and / or / not combine the known ones as in three-valued logic: an answer that does not depend on the unknown conditions is the statement's
 * answer too, so the statement is run only for the customers left unknown (docs/segments.md,
 * "Decided from the events").
 */
final class EventProof {

    private EventProof() {
    }

    /**
     * TRUE or FALSE when the events that touched {@code usid} (and its tags, when {@code tags}
     * holds them: usid → tags) decide {@code root} at {@code now}; null when they do not.
     */
    static Boolean decide(Node root, long usid, Touched touched, Map<Long, Set<String>> tags, Instant now) {
        return truth(root, false, new Customer(usid, touched, tags.get(usid), now));
    }

    /** Whether {@code node} has a tag condition (so that its candidates' tags are worth reading). */
    static boolean readsTags(Node node) {
        if (node instanceof Node.Not not) {
            return readsTags(not.child());
        }
        if (node instanceof Node.And and) {
            return and.children().stream().anyMatch(EventProof::readsTags);
        }
        if (node instanceof Node.Or or) {
            return or.children().stream().anyMatch(EventProof::readsTags);
        }
        return node instanceof Node.Tag;
    }

    /** What is known of one candidate: its touching events, its tags (null: not read). */
    private record Customer(long usid, Touched touched, Set<String> tags, Instant now) {
    }

    /** Of {@code node}, or of its negation when {@code negated}, as SegmentSql compiles it. */
    private static Boolean truth(Node node, boolean negated, Customer customer) {
        if (node instanceof Node.Not not) {
            return truth(not.child(), !negated, customer);
        }
        if (node instanceof Node.And and) {
            return combine(and.children(), !negated, negated, customer);
        }
        if (node instanceof Node.Or or) {
            return combine(or.children(), negated, negated, customer);
        }
        if (node instanceof Node.Performed performed) {
            return performed(performed, negated, customer.usid(), customer.touched(), customer.now());
        }
        if (node instanceof Node.Tag tag && customer.tags() != null) {
            // As SegmentSql: "has" is the tag among the customer's tags, "has not" its absence.
            return customer.tags().contains(tag.tag()) == tag.has() != negated;
        }
        return null;
    }

    /** All of the children when {@code all}, else any of them; null when the unknown ones decide. */
    private static Boolean combine(List<Node> children, boolean all, boolean negated, Customer customer) {
        boolean unknown = false;
        for (Node child : children) {
            Boolean value = truth(child, negated, customer);
            if (value == null) {
                unknown = true;
            } else if (value != all) {
                return value;
            }
        }
        return unknown ? null : all;
    }

    /**
     * Known only when touching events of its name occurred inside the window — then the count is
     * at least their number k — and no property filter applies, and then only if a count of at
     * least k decides the test: "at least n" for n ≤ k is true, "at most n" and "exactly n" for
     * n < k are false. A condition that zero events satisfy (after negation) also needs the
     * history rule, which only a false test does not.
     */
    private static Boolean performed(Node.Performed performed, boolean negated, long usid, Touched touched, Instant now) {
        Node.Window window = performed.window();
        Instant start = window.start(now);
        int atLeast = performed.where().isEmpty() ? touched.countIn(performed.event(), usid, start, window.end(now)) : 0;
        if (atLeast == 0) {
            return null;
        }
        Node.Count count = performed.count();
        boolean test;
        if (count.op() == Node.CountOp.AT_LEAST && count.value() <= atLeast) {
            test = true;
        } else if (count.op() != Node.CountOp.AT_LEAST && count.value() < atLeast) {
            test = false;
        } else {
            return null;
        }
        boolean value = test != negated;
        boolean historyRule = count.accepts(0) != negated && start != null;
        return value && historyRule ? null : value;
    }
}

package io.xoal.events.segment.engine;

import io.xoal.events.segment.definition.Node;

import java.time.Instant;
import java.util.List;

/**
 * What the events that touched a customer prove of a definition on their own: k touching events of
 * a performed condition's name that occurred inside its window mean the customer performed it at
 * least k times there. Every other condition (counts above that, property filters, attributes, tags,
 * segments, the history rule) is unknown, and and / or / not combine the known ones as in
 * three-valued logic: an answer that does not depend on the unknown conditions is the statement's
 * answer too, so the statement is run only for the customers left unknown (docs/segments.md,
 * "Decided from the events").
 */
final class EventProof {

    private EventProof() {
    }

    /** TRUE or FALSE when the events that touched {@code usid} decide {@code root} at {@code now}; null when they do not. */
    static Boolean decide(Node root, long usid, Touched touched, Instant now) {
        return truth(root, false, usid, touched, now);
    }

    /** Of {@code node}, or of its negation when {@code negated}, as SegmentSql compiles it. */
    private static Boolean truth(Node node, boolean negated, long usid, Touched touched, Instant now) {
        if (node instanceof Node.Not not) {
            return truth(not.child(), !negated, usid, touched, now);
        }
        if (node instanceof Node.And and) {
            return combine(and.children(), !negated, negated, usid, touched, now);
        }
        if (node instanceof Node.Or or) {
            return combine(or.children(), negated, negated, usid, touched, now);
        }
        if (node instanceof Node.Performed performed) {
            return performed(performed, negated, usid, touched, now);
        }
        return null;
    }

    /** All of the children when {@code all}, else any of them; null when the unknown ones decide. */
    private static Boolean combine(List<Node> children, boolean all, boolean negated, long usid, Touched touched, Instant now) {
        boolean unknown = false;
        for (Node child : children) {
            Boolean value = truth(child, negated, usid, touched, now);
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

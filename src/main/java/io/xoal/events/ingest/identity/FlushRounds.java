package io.xoal.events.ingest.identity;

import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.Subject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a flush's messages into rounds that keep request order where the flush's fixed order of
 * steps (upserts, events, profile changes, merges, deletes) would not: a new round starts at a
 * message about a subject deleted earlier in the current one, so {@code [delete u1, event u1]}
 * re-creates u1 with the event. Without such a pair, which is nearly always, the flush is one
 * round and runs exactly the statements it always did.
 */
public final class FlushRounds {

    private FlushRounds() {
    }

    public static List<List<Envelope>> of(List<Envelope> messages) {
        List<List<Envelope>> rounds = new ArrayList<>();
        List<Envelope> round = new ArrayList<>();
        Set<SubjectKey> deleted = new HashSet<>();
        for (Envelope message : messages) {
            if (!deleted.isEmpty() && touchesAny(message, deleted)) {
                rounds.add(round);
                round = new ArrayList<>();
                deleted.clear();
            }
            round.add(message);
            if (message.action() == Envelope.Action.DELETE) {
                deleted.add(SubjectKey.of(message));
            }
        }
        rounds.add(round);
        return rounds;
    }

    /** Its subject, a related subject, or the customer it merges from is one of {@code deleted}. */
    private static boolean touchesAny(Envelope message, Set<SubjectKey> deleted) {
        if (deleted.contains(SubjectKey.of(message))) {
            return true;
        }
        for (Subject relation : message.changes().relations()) {
            if (deleted.contains(SubjectKey.of(message.withSubject(relation)))) {
                return true;
            }
        }
        String from = message.changes().mergeFrom();
        return from != null && deleted.contains(SubjectKey.of(message.withSubject(Subject.customer(from, null))));
    }
}

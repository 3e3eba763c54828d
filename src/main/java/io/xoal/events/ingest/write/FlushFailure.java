package io.xoal.events.ingest.write;

import io.vertx.pgclient.PgException;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.identity.SubjectGone;

import java.util.List;
import java.util.Set;

/**
 * Sorts a failed flush: run it again, blame one request's data, or tell clients the store is
 * unavailable. Every failure that reaches here was rolled back (FlushTransaction reports a lost
 * COMMIT as a problem of its own), so a 503 always means "nothing stored".
 */
final class FlushFailure {

    /**
     * Another writer's concurrent row or lock, not this data: a unique or foreign key violation
     * (the same new anonymous id or e-mail, a concurrent delete), a serialization failure or a
     * deadlock; or a customer id merged away while the flush waited for it ({@link SubjectGone}).
     * The same flush run again sees the other writer's committed rows.
     */
    private static final Set<String> RACES = Set.of("23505", "23503", "40001", "40P01");

    private FlushFailure() {
    }

    static boolean retryable(Throwable failure) {
        if (failure instanceof SubjectGone) {
            return true;
        }
        String state = state(failure);
        return state != null && RACES.contains(state);
    }

    /**
     * PostgreSQL refused the data itself. Validation is meant to make this impossible; should it
     * happen, the flush is re-run request by request so that only the request at fault hears of it.
     */
    static boolean causedByData(Throwable failure) {
        String state = state(failure);
        return state != null && !RACES.contains(state) && (state.startsWith("22") || state.startsWith("23"));
    }

    /** What the requests of a failed flush are answered with. */
    static ProblemException toProblem(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (causedByData(failure)) {
            return ProblemException.badRequest("PostgreSQL refused an event of this request",
                    List.of(new FieldError("", ((PgException) failure).getErrorMessage())));
        }
        String state = state(failure);
        if (state != null && !retryable(failure) && !isUnavailable(state)) {
            return new ProblemException(500, "Internal Server Error", "The events could not be stored; nothing of "
                    + "this request was stored", List.of(), null);
        }
        return ProblemException.unavailable("The event store is unavailable or busy; nothing of this request was "
                + "stored. Retry later.");
    }

    private static String state(Throwable failure) {
        return failure instanceof PgException pg ? pg.getSqlState() : null;
    }

    /** Connection exceptions, shutdown, resource exhaustion: the database, not the request. */
    private static boolean isUnavailable(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
    }
}

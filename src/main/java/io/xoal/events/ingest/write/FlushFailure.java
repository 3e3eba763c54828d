package io.xoal.events.ingest.write;

import io.vertx.pgclient.PgException;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.util.List;

/** Sorts a failed flush: retry it, blame the data, or tell clients the store is unavailable. */
final class FlushFailure {

    private FlushFailure() {
    }

    /** Deadlock or serialization failure: the same flush may simply be run again. */
    static boolean retryable(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("40");
    }

    /** PostgreSQL refused the data itself (data exception or constraint), not the connection. */
    static boolean causedByData(Throwable failure) {
        if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
            return false;
        }
        String state = pg.getSqlState();
        return state.startsWith("22") || state.startsWith("23");
    }

    /** What the requests of a failed flush are answered with. */
    static ProblemException toProblem(Throwable failure) {
        if (causedByData(failure)) {
            return ProblemException.badRequest("PostgreSQL refused an event of this request",
                    List.of(new FieldError("", ((PgException) failure).getErrorMessage())));
        }
        if (failure instanceof PgException pg && pg.getSqlState() != null && !isUnavailable(pg.getSqlState())) {
            return new ProblemException(500, "Internal Server Error", "The events could not be stored", List.of(), null);
        }
        return ProblemException.unavailable("The event store is unavailable; nothing of this request was stored. Retry later.");
    }

    /** Connection exceptions, shutdown, resource exhaustion: the database, not the request. */
    private static boolean isUnavailable(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
    }
}

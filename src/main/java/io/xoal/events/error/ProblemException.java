package io.xoal.events.error;

import io.vertx.pgclient.PgException;

import java.util.List;

/** An outcome the client must be told about as a problem document with this status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;
    /** The problem type's last path segment; null for the status code's own type. */
    private final String type;

    public ProblemException(int status, String title, String detail, List<FieldError> errors,
                            Integer retryAfterSeconds) {
        this(status, title, detail, errors, retryAfterSeconds, null);
    }

    private ProblemException(int status, String title, String detail, List<FieldError> errors,
                             Integer retryAfterSeconds, String type) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
        this.type = type;
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "Bad Request", detail, errors, null);
    }

    public static ProblemException invalidField(String field, String message) {
        return badRequest(message, List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of(), null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of(), null);
    }

    /**
     * {@code failure} itself, or — when it is PostgreSQL's "query canceled" (57014, a statement
     * timeout) — a 422 problem with {@code detail}: a read that ran out of its time limit.
     */
    public static Throwable whenTimedOut(Throwable failure, String detail) {
        return failure instanceof PgException pg && "57014".equals(pg.getSqlState())
                ? new ProblemException(422, "Unprocessable Content", detail, List.of(), null)
                : failure;
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Content Too Large", detail, List.of(), null);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail, List.of(), 1);
    }

    /**
     * The store lost the connection while COMMIT was pending: the request may or may not be stored.
     * Its own type ({@code /problems/outcome-unknown}) and status, so that a client never reads it
     * as the 503 that means "nothing stored".
     */
    public static ProblemException outcomeUnknown(String detail) {
        return new ProblemException(504, "Outcome Unknown", detail, List.of(), 1, "outcome-unknown");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The problem type's last path segment: its own name, or else the status code. */
    public String type() {
        return type != null ? type : String.valueOf(status);
    }
}

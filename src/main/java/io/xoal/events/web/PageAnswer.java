package io.xoal.events.web;

import io.smallrye.mutiny.Uni;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a page got from a service: its value, or the problem it was refused with, worded for the
 * page (a bad date is an alert on the page, never a problem document or a 500).
 */
public record PageAnswer<T>(T value, String error) {

    /** Runs {@code read}; a problem it throws or fails with (a 400, or a 422 timeout) becomes the answer's error. */
    public static <T> Uni<PageAnswer<T>> of(Supplier<Uni<? extends T>> read) {
        return Uni.createFrom().<T>deferred(read)
                .map(value -> new PageAnswer<T>(value, null))
                .onFailure(PageAnswer::refused).recoverWithItem(failure -> new PageAnswer<>(null, message((ProblemException) failure)));
    }

    public boolean failed() {
        return error != null;
    }

    /** The problems a page shows; a 404 is left to the caller (a page of its own). */
    private static boolean refused(Throwable failure) {
        return failure instanceof ProblemException p && p.status() != 404;
    }

    /** The detail, and each field's own message under the field's name ({@code /steps/1/event} → {@code steps 1 event}). */
    static String message(ProblemException problem) {
        if (problem.errors().isEmpty()) {
            return problem.getMessage();
        }
        return problem.errors().stream().map(PageAnswer::field).distinct().collect(Collectors.joining("; "));
    }

    private static String field(FieldError error) {
        String name = error.field() == null ? "" : error.field().replaceFirst("^/", "").replace('/', ' ').replace('_', ' ');
        return name.isEmpty() ? error.message() : name + ": " + error.message();
    }
}

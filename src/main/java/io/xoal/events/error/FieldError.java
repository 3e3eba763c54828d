package io.xoal.events.error;

/** One invalid input: a JSON pointer to the field and what is wrong with it. */
public record FieldError(String field, String message) {
}

package io.xoal.events.profile;

import io.xoal.events.error.ProblemException;

/** How a path names a customer: by external id (default), e-mail or usid ({@code ?id_type=}). */
public record CustomerRef(Type type, String value) {

    /** The kinds of customer identifier. */
    public enum Type { ID, EMAIL, USID }

    public static CustomerRef of(String value, String idType) {
        Type type;
        try {
            type = idType == null || idType.isBlank() ? Type.ID : Type.valueOf(idType.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("/id_type", "must be id, email or usid");
        }
        CustomerRef ref = new CustomerRef(type, value);
        if (type == Type.USID) {
            ref.usid();
        }
        return ref;
    }

    long usid() {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("/id", "a usid is a number");
        }
    }

    @Override
    public String toString() {
        return type.name().toLowerCase() + " " + value;
    }
}

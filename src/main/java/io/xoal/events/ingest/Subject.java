package io.xoal.events.ingest;

/**
 * Whom an event belongs to: a customer (by external id and/or e-mail), a company (by id) or a
 * custom object (by type and id).
 */
public record Subject(Kind kind, String id, String email, String objectType) {

    /** The three kinds of subject, as stored in {@code events.subject_kind}. */
    public enum Kind {
        CUSTOMER, COMPANY, OBJECT;

        public String column() {
            return name().toLowerCase();
        }
    }

    public static Subject customer(String id, String email) {
        return new Subject(Kind.CUSTOMER, id, email, null);
    }

    public static Subject company(String id) {
        return new Subject(Kind.COMPANY, id, null, null);
    }

    public static Subject object(String type, String id) {
        return new Subject(Kind.OBJECT, id, null, type);
    }
}

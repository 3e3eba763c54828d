package io.xoal.events.ingest.envelope;

/**
 * Whom an event belongs to: a customer (by external id and/or e-mail, or only by an anonymous id
 * or alias), a company (by id) or a custom object (by type and id).
 */
public record Subject(Kind kind, String id, String email, String objectType, String alias) {

    /** The three kinds of subject, as stored in {@code events.subject_kind}. */
    public enum Kind {
        CUSTOMER, COMPANY, OBJECT;

        public String column() {
            return name().toLowerCase();
        }
    }

    public static Subject customer(String id, String email) {
        return new Subject(Kind.CUSTOMER, id, email, null, null);
    }

    /** A customer known only by an anonymous id or a provider's id (e.g. {@code stripe:cus_…}). */
    public static Subject anonymous(String alias) {
        return new Subject(Kind.CUSTOMER, null, null, null, alias);
    }

    public static Subject company(String id) {
        return new Subject(Kind.COMPANY, id, null, null, null);
    }

    public static Subject object(String type, String id) {
        return new Subject(Kind.OBJECT, id, null, type, null);
    }
}

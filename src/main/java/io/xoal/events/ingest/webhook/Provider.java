package io.xoal.events.ingest.webhook;

import io.xoal.events.error.ProblemException;

/** The webhook providers Xoal takes events from, with the header each signs its deliveries in. */
public enum Provider {
    STRIPE("Stripe-Signature"),
    CALENDLY("Calendly-Webhook-Signature");

    private final String signatureHeader;

    Provider(String signatureHeader) {
        this.signatureHeader = signatureHeader;
    }

    public String signatureHeader() {
        return signatureHeader;
    }

    public String column() {
        return name().toLowerCase();
    }

    public static Provider of(String name) {
        for (Provider p : values()) {
            if (p.column().equals(name)) {
                return p;
            }
        }
        throw ProblemException.notFound("No integration " + name + ": stripe or calendly");
    }
}

package io.xoal.events.ingest.write;

/** What the writer did with one request's events. */
public record WriteOutcome(int accepted, int duplicates) {
}

package io.xoal.events.ingest;

/** What the writer did with one request's events. */
record WriteOutcome(int accepted, int duplicates) {
}

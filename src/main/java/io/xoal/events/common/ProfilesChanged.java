package io.xoal.events.common;

/**
 * Fired after a transaction that changed customer profiles outside ingestion (the admin API)
 * committed, and queued them for segment re-evaluation; observers must return at once.
 */
public record ProfilesChanged(long workspaceId) {
}

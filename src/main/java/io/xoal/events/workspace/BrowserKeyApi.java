package io.xoal.events.workspace;

/**
 * Marks an ingestion resource that also admits browser keys ({@code pub_…}) besides ingestion
 * keys; it must then limit a browser key's requests to browser-safe messages
 * ({@link CurrentWorkspace#kind()} says which key came).
 */
public interface BrowserKeyApi extends IngestApi {
}

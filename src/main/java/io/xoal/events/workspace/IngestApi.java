package io.xoal.events.workspace;

/** Marks a resource whose every endpoint needs an ingestion key ({@code ing_…}). */
public interface IngestApi {
}

package io.xoal.events.web;

import io.smallrye.mutiny.Uni;
import io.xoal.events.workspace.KeyKind;
import io.xoal.events.workspace.KeyService;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/** What an empty page tells the user to do first: send an event, with this workspace's ingestion key prefix. */
@ApplicationScoped
public class FirstSteps {

    private final KeyService keys;

    public FirstSteps(KeyService keys) {
        this.keys = keys;
    }

    /** The hint for a workspace reached at {@code base} (the dashboard's own address). */
    public Uni<Hint> of(long workspaceId, URI base) {
        String host = base.toString().replaceAll("/+$", "");
        return keys.list(workspaceId)
                .map(list -> list.stream()
                        .filter(key -> KeyKind.INGEST.column().equals(key.kind) && key.revokedAt == null)
                        .map(key -> key.prefix)
                        .findFirst()
                        .orElse(KeyKind.INGEST.prefix()))
                .map(prefix -> new Hint(host, prefix));
    }

    /** The service's address and the start of an ingestion key (the rest is never shown again after issue). */
    public record Hint(String host, String keyPrefix) {
    }
}

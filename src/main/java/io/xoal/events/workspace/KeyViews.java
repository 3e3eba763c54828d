package io.xoal.events.workspace;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Request and response bodies of the workspace and key endpoints. */
public final class KeyViews {

    private KeyViews() {
    }

    @Schema(description = "A key to create: `browser` (pub_…, public: browser-safe Segment messages only), "
            + "`ingest` (ing_…, servers: every ingest call including deletes and merges) or `admin` (adm_…)",
            example = "{\"kind\": \"browser\", \"name\": \"web shop\"}")
    public record NewKey(@NotNull @Schema(enumeration = {"browser", "ingest", "admin"}) String kind,
                         @NotBlank @Size(max = 200) String name) {
    }

    @Schema(description = "A key as listed: never the secret itself")
    public record KeyView(long id, String kind, String name, String prefix, Instant createdAt, Instant revokedAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id, key.kind, key.name, key.prefix, key.createdAt, key.revokedAt);
        }
    }

    @Schema(description = "A key just created; `key` is shown only in this response")
    public record CreatedKey(long id, String kind, String name, String prefix, Instant createdAt, String key) {
        static CreatedKey of(KeyService.IssuedKey issued) {
            ApiKey e = issued.entity();
            return new CreatedKey(e.id, e.kind, e.name, e.prefix, e.createdAt, issued.key());
        }
    }

    @Schema(description = "A workspace to create", example = "{\"name\": \"Acme production\"}")
    public record NewWorkspace(@NotBlank @Size(max = 200) String name) {
    }

    @Schema(description = "A workspace")
    public record WorkspaceView(long id, String name, Instant createdAt) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.id, w.name, w.createdAt);
        }
    }

    @Schema(description = "A workspace just created with its first keys, shown only in this response")
    public record CreatedWorkspace(long id, String name, Instant createdAt, String adminKey, String ingestKey,
                                   String browserKey) {
        static CreatedWorkspace of(WorkspaceService.NewWorkspace created) {
            Workspace w = created.workspace();
            return new CreatedWorkspace(w.id, w.name, w.createdAt, created.adminKey(), created.ingestKey(),
                    created.browserKey());
        }
    }
}

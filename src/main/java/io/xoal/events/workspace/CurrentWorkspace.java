package io.xoal.events.workspace;

import jakarta.enterprise.context.RequestScoped;

/** The workspace whose key authenticated the current request, and that key's kind. */
@RequestScoped
public class CurrentWorkspace {

    private Long id;
    private KeyKind kind;

    /** Called by the filters that authenticate a request: a key ({@code KeyFilter}) or a dashboard session. */
    public void set(long workspaceId, KeyKind kind) {
        this.id = workspaceId;
        this.kind = kind;
    }

    /** Whether a key in a header authenticated this request (a {@link WriteKeyApi} may have none). */
    public boolean known() {
        return id != null;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("No key authenticated this request");
        }
        return id;
    }

    /** The kind of the key that authenticated this request. */
    public KeyKind kind() {
        if (kind == null) {
            throw new IllegalStateException("No key authenticated this request");
        }
        return kind;
    }
}

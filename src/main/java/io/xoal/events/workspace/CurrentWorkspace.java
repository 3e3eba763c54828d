package io.xoal.events.workspace;

import jakarta.enterprise.context.RequestScoped;

/** The workspace whose key authenticated the current request. */
@RequestScoped
public class CurrentWorkspace {

    private Long id;

    void set(long workspaceId) {
        this.id = workspaceId;
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
}

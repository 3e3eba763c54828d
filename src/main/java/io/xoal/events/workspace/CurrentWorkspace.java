package io.xoal.events.workspace;

import jakarta.enterprise.context.RequestScoped;

/** The workspace whose key authenticated the current request. */
@RequestScoped
public class CurrentWorkspace {

    private Long id;

    void set(long workspaceId) {
        this.id = workspaceId;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("No key authenticated this request");
        }
        return id;
    }
}

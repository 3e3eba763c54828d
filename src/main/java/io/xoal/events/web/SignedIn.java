package io.xoal.events.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The dashboard session of the current request: its workspace and CSRF token (templates read it as {@code inject:signedIn}). */
@RequestScoped
@Named("signedIn")
public class SignedIn {

    private DashboardSessions.Session session;

    void set(DashboardSessions.Session session) {
        this.session = session;
    }

    public long workspaceId() {
        return session().workspaceId();
    }

    public String workspaceName() {
        return session().workspaceName();
    }

    public String csrf() {
        return session().csrf();
    }

    /** The token of the session cookie (for sign-out). */
    String token() {
        return session().token();
    }

    private DashboardSessions.Session session() {
        if (session == null) {
            throw new IllegalStateException("No dashboard session on this request");
        }
        return session;
    }
}

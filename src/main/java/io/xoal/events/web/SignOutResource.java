package io.xoal.events.web;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Signing out: the session row is deleted (every replica refuses the cookie at once) and the cookie cleared. */
@Path("/sign-out")
public class SignOutResource implements DashboardPage {

    private final DashboardSessions sessions;
    private final DashboardConfig config;
    private final SignedIn signedIn;

    public SignOutResource(DashboardSessions sessions, DashboardConfig config, SignedIn signedIn) {
        this.sessions = sessions;
        this.config = config;
        this.signedIn = signedIn;
    }

    @POST
    @Operation(hidden = true)
    public Uni<Response> signOut() {
        return sessions.signOut(signedIn.token())
                .map(ignored -> Response.noContent()
                        .header("HX-Redirect", "/sign-in")
                        .cookie(SessionCookies.of(config, SessionFilter.COOKIE, "", "/", 0))
                        .build());
    }
}

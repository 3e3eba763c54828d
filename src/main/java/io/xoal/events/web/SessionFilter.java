package io.xoal.events.web;

import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import io.xoal.events.workspace.CurrentWorkspace;
import io.xoal.events.workspace.KeyKind;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Admits a request to a {@link DashboardPage} only with a live session cookie, and a request that
 * changes something only with the session's CSRF token in {@code X-CSRF-Token} (htmx sends it from
 * the page; another site can neither read it nor send the header). Without a session, a page load
 * is sent to the sign-in page, an htmx request is told to go there, anything else is a 401.
 * Dashboard responses carry a strict Content-Security-Policy: no inline script, nothing from elsewhere.
 */
public class SessionFilter {

    static final String COOKIE = "xoal_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final DashboardSessions sessions;
    private final SignedIn signedIn;
    private final CurrentWorkspace current;

    public SessionFilter(DashboardSessions sessions, SignedIn signedIn, CurrentWorkspace current) {
        this.sessions = sessions;
        this.signedIn = signedIn;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (!isPage(resource)) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        return sessions.resolve(cookie == null ? null : cookie.getValue())
                .map(session -> session == null ? signInFirst(request) : admit(request, session));
    }

    @ServerResponseFilter
    public void secure(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (isPage(resource) || resource != null && resource.getResourceClass() == SignInResource.class) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Content-Security-Policy", POLICY);
            headers.putSingle("X-Content-Type-Options", "nosniff");
            headers.putSingle("Referrer-Policy", "same-origin");
            headers.putSingle("Cache-Control", "no-store");
        }
    }

    private Response admit(ContainerRequestContext request, DashboardSessions.Session session) {
        if (!SAFE.contains(request.getMethod()) && !DashboardSessions.sameToken(request.getHeaderString(CSRF_HEADER), session.csrf())) {
            throw new ProblemException(403, "Forbidden",
                    "This dashboard request has no valid CSRF token (header " + CSRF_HEADER + "); reload the page",
                    List.of(), null);
        }
        signedIn.set(session);
        current.set(session.workspaceId(), KeyKind.ADMIN);
        return null;
    }

    private static Response signInFirst(ContainerRequestContext request) {
        if (request.getHeaderString("HX-Request") != null) {
            return Response.status(401).header("HX-Redirect", "/sign-in").build();
        }
        if ("GET".equals(request.getMethod())) {
            return Response.seeOther(URI.create("/sign-in")).build();
        }
        throw new ProblemException(401, "Unauthorized", "Sign in to the dashboard first", List.of(), null);
    }

    private static boolean isPage(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() != null
                && DashboardPage.class.isAssignableFrom(resource.getResourceClass());
    }
}

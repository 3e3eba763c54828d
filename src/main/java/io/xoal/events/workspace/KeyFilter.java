package io.xoal.events.workspace;

import io.smallrye.mutiny.Uni;
import io.xoal.events.error.ProblemException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.List;

/**
 * Admits a request to an {@link AdminApi} or {@link IngestApi} resource only with the right kind
 * of key, sent as a bearer token or by HTTP Basic ({@link Credentials}). A {@link WriteKeyApi}
 * resource may also be called without a header: it authenticates the key in its body itself.
 */
public class KeyFilter {

    private final KeyAuthenticator authenticator;
    private final CurrentWorkspace current;

    public KeyFilter(KeyAuthenticator authenticator, CurrentWorkspace current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        KeyKind required = required(resource);
        if (required == null) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Credentials credentials = Credentials.parse(header);
        if (credentials == null) {
            if (header == null && WriteKeyApi.class.isAssignableFrom(resource.getResourceClass())) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().failure(unauthorized("Send 'Authorization: Bearer " + required.prefix() + "…'"));
        }
        return authenticator.verify(credentials.key())
                .map(verified -> admit(verified, credentials, required));
    }

    private Response admit(KeyAuthenticator.Verified verified, Credentials credentials, KeyKind required) {
        if (verified == null) {
            throw unauthorized("The key is unknown or revoked");
        }
        if (credentials.siteId() != null && !credentials.siteId().equals(Long.toString(verified.workspaceId()))) {
            throw unauthorized("The site id is not the workspace id of this key");
        }
        if (verified.kind() != required) {
            throw new ProblemException(403, "Forbidden", "This endpoint needs an " + required.column()
                    + " key (" + required.prefix() + "…), not an " + verified.kind().column() + " key", List.of(), null);
        }
        current.set(verified.workspaceId());
        return null;
    }

    private static KeyKind required(SimpleResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type == null) {
            return null;
        }
        if (AdminApi.class.isAssignableFrom(type)) {
            return KeyKind.ADMIN;
        }
        return IngestApi.class.isAssignableFrom(type) ? KeyKind.INGEST : null;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), null);
    }
}

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
import java.util.Set;

/**
 * Admits a request to an {@link AdminApi} or {@link IngestApi} resource only with the right kind
 * of key, sent as a bearer token or by HTTP Basic ({@link Credentials}): admin keys never ingest,
 * ingestion and browser keys never administer, and browser keys reach only {@link BrowserKeyApi}
 * resources. A {@link WriteKeyApi} resource may also be called without a header: it authenticates
 * the key in its body itself.
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
        Set<KeyKind> admitted = admitted(resource);
        if (admitted.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Credentials credentials = Credentials.parse(header);
        if (credentials == null) {
            if (header == null && WriteKeyApi.class.isAssignableFrom(resource.getResourceClass())) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().failure(
                    unauthorized("Send 'Authorization: Bearer " + strongest(admitted).prefix() + "…'"));
        }
        return authenticator.verify(credentials.key())
                .map(verified -> admit(verified, credentials, admitted));
    }

    private Response admit(KeyAuthenticator.Verified verified, Credentials credentials, Set<KeyKind> admitted) {
        if (verified == null) {
            throw unauthorized("The key is unknown or revoked");
        }
        if (credentials.siteId() != null && !credentials.siteId().equals(Long.toString(verified.workspaceId()))) {
            throw unauthorized("The site id is not the workspace id of this key");
        }
        if (!admitted.contains(verified.kind())) {
            throw new ProblemException(403, "Forbidden", "This endpoint needs " + strongest(admitted).described()
                    + ", not " + verified.kind().described(), List.of(), null);
        }
        current.set(verified.workspaceId(), verified.kind());
        return null;
    }

    /** The kinds of key a resource admits; none for a public resource. */
    private static Set<KeyKind> admitted(SimpleResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type == null) {
            return Set.of();
        }
        if (AdminApi.class.isAssignableFrom(type)) {
            return Set.of(KeyKind.ADMIN);
        }
        if (BrowserKeyApi.class.isAssignableFrom(type)) {
            return Set.of(KeyKind.INGEST, KeyKind.BROWSER);
        }
        return IngestApi.class.isAssignableFrom(type) ? Set.of(KeyKind.INGEST) : Set.of();
    }

    /** The kind a problem asks for: the most powerful one the resource admits. */
    private static KeyKind strongest(Set<KeyKind> admitted) {
        return admitted.contains(KeyKind.ADMIN) ? KeyKind.ADMIN : KeyKind.INGEST;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), null);
    }
}

package io.xoal.events.workspace;

/**
 * Marks an ingestion resource that also accepts requests without an Authorization header, because
 * some clients send the key in the body (Segment's {@code writeKey}); the resource must then
 * authenticate that key with {@link KeyAuthenticator} before storing anything.
 */
public interface WriteKeyApi extends IngestApi {
}

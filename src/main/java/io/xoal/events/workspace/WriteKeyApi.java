package io.xoal.events.workspace;

/**
 * Marks an ingestion resource that also accepts requests without an Authorization header, because
 * some clients send the key in the body (Segment's {@code writeKey}); the resource must then
 * authenticate that key with {@link KeyAuthenticator#writeKey} before storing anything. Such keys
 * sit in web pages, so these resources admit browser keys too.
 */
public interface WriteKeyApi extends BrowserKeyApi {
}

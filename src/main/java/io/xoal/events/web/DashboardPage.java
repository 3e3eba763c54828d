package io.xoal.events.web;

/**
 * Marks a resource as a dashboard page: it needs a signed-in session cookie ({@link SessionFilter}),
 * and every request that changes something also needs the session's CSRF token.
 */
public interface DashboardPage {
}

package io.xoal.events.web;

import jakarta.ws.rs.core.NewCookie;

/** The dashboard's cookies: HttpOnly, SameSite=Strict, Secure unless configured off. */
final class SessionCookies {

    private SessionCookies() {
    }

    /** A cookie; max age 0 deletes it. */
    static NewCookie of(DashboardConfig config, String name, String value, String path, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}

package io.xoal.events.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The dashboard's sign-in sessions and live Events tab. */
@ConfigMapping(prefix = "xoal.dashboard")
public interface DashboardConfig {

    /** How long a dashboard sign-in lasts; signing in again starts a new session. */
    @WithDefault("PT12H")
    Duration sessionTtl();

    /** Whether the session cookie is marked Secure (sent over HTTPS only; browsers also send it to http://localhost). */
    @WithDefault("true")
    boolean secureCookie();

    /** How often each replica polls the feed for the live Events tabs it serves (only while a tab is open). */
    @WithDefault("PT0.25S")
    Duration livePollEvery();

    /** How far back each poll re-reads, so that an event whose flush committed after a later id's is still shown. */
    @WithDefault("PT5S")
    Duration liveLookBack();
}

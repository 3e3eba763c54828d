package io.xoal.events.segment.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Bounds of the ledger's read side (members, counts and size at past instants). */
@ConfigMapping(prefix = "xoal.segments.ledger")
public interface LedgerConfig {

    /** Longest a ledger read may run (statement timeout); beyond it the request is a 422 problem. */
    @WithDefault("PT10S")
    Duration readTimeout();

    /** Customers of the ledger a page of {@code members?at=} looks at, at most; a page may hold fewer members. */
    @WithDefault("10000")
    int scanPerPage();

    /** How often the hourly size buckets written since the last run are folded into one row per hour ({@code off} disables). */
    @WithDefault("1m")
    String compactEvery();
}

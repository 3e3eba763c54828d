package io.xoal.events.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Bounds of the analytics reads (trends, funnels, retention). */
@ConfigMapping(prefix = "xoal.analytics")
public interface AnalyticsConfig {

    /** Longest an analytics read may run (statement timeout); beyond it the request is a 422 problem. */
    @WithDefault("PT10S")
    Duration readTimeout();

    /** Most buckets a trends, stickiness or retention request may ask for (range ÷ interval). */
    @WithDefault("2500")
    int maxBuckets();

    /** How often the hourly event counts are folded (one row per name and hour); "off" never (tests fold themselves). */
    @WithDefault("1m")
    String foldEvery();
}

package io.xoal.events.ingest;

import io.smallrye.config.SmallRyeConfigBuilder;

/** The ingest configuration with its defaults, for unit tests of the pure parts (no Quarkus started). */
public final class TestIngestConfig {

    private TestIngestConfig() {
    }

    public static IngestConfig defaults() {
        return new SmallRyeConfigBuilder().withMapping(IngestConfig.class).build().getConfigMapping(IngestConfig.class);
    }
}

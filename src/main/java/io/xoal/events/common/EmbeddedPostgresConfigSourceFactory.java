package io.xoal.events.common;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Supplies the datasource of an embedded PostgreSQL in dev mode and tests when none is configured.
 *
 * <p>With a reactive or JDBC URL configured (environment, system property, file) it does nothing;
 * in production without a URL it stops the start with a message naming what to set. The embedded
 * server is a {@link LocalPostgres} found at run time, absent from the packaged artifacts.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    private static final List<String> URL_KEYS = List.of(
            "quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url");
    static final String NO_POSTGRES = "No PostgreSQL configured: set QUARKUS_DATASOURCE_REACTIVE_URL "
            + "(postgresql://host:5432/db), QUARKUS_DATASOURCE_JDBC_URL (jdbc:postgresql://host:5432/db), "
            + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Build-time calls (augmentation, live-reload rebuilds) would bake values into defaults.
        if (ExecutionMode.current() == ExecutionMode.UNSET || urlConfigured(context)) {
            return List.of();
        }
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        if (!test && !profiles.contains("dev")) {
            throw new IllegalStateException(NO_POSTGRES);
        }
        LocalPostgres local = ServiceLoader.load(LocalPostgres.class, LocalPostgres.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(NO_POSTGRES + " (no embedded PostgreSQL in this build)"));
        Map<String, String> values = local.datasource(test);
        return List.of(new PropertiesConfigSource(values, "xoal-embedded-postgres", 275));
    }

    private static boolean urlConfigured(ConfigSourceContext context) {
        return URL_KEYS.stream()
                .map(context::getValue)
                .map(ConfigValue::getValue)
                .anyMatch(value -> value != null && !value.isBlank());
    }
}

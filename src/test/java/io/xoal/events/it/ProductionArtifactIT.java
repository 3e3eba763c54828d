package io.xoal.events.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What production gets: no embedded-PostgreSQL code in the artifact, and a clear refusal without a database. */
class ProductionArtifactIT {

    @Test
    void refusesToStartWithoutPostgresNamingWhatToSet() throws Exception {
        try (ServiceProcess service = new ServiceProcess(Map.of())) {
            int exit = service.runToExit(Duration.ofSeconds(60));
            String output = service.output();
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("No PostgreSQL configured: set QUARKUS_DATASOURCE_REACTIVE_URL"), output);
        }
    }

    @Test
    void packagedApplicationHoldsNoEmbeddedPostgresCode() throws Exception {
        Path app = Path.of(System.getProperty("xoal.app.dir", "target/quarkus-app"), "app");
        List<Path> jars;
        try (Stream<Path> files = Files.list(app)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        assertEquals(1, jars.size(), "the application jar in " + app);
        try (JarFile jar = new JarFile(jars.get(0).toFile())) {
            List<String> embedded = jar.stream().map(e -> e.getName())
                    .filter(n -> n.contains("EmbeddedPostgresServer") || n.endsWith("services/io.xoal.events.common.LocalPostgres"))
                    .toList();
            assertEquals(List.of(), embedded, "dev/test-only entries in the production jar");
            assertTrue(jar.getEntry("io/xoal/events/common/EmbeddedPostgresConfigSourceFactory.class") != null,
                    "the factory that refuses a start without PostgreSQL is packaged");
        }
    }
}

package io.xoal.events.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.xoal.events.ingest.IngestConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the README's configuration table against the code: every {@code xoal.*} key that a
 * {@code @ConfigMapping} or a {@code @Scheduled} expression reads is in the table, the table names
 * no key that does not exist, and every {@code XOAL_*} variable the docs mention is one of them.
 */
class ConfigurationDocsTest {

    private static final Pattern SCHEDULED_KEY = Pattern.compile("\\$\\{(xoal\\.[a-z0-9.-]+)");
    private static final Pattern ENV_VAR = Pattern.compile("\\bXOAL_[A-Z0-9_]+\\b");

    @Test
    void theReadmeTableListsExactlyTheConfigurationKeys() throws Exception {
        assertEquals(codeKeys(), readmeKeys(), "README.md's configuration table vs the keys the code reads");
    }

    @Test
    void everyEnvironmentVariableTheDocsNameExists() throws Exception {
        Set<String> variables = new TreeSet<>();
        codeKeys().forEach(key -> variables.add(ReadmeConfigTable.environmentName(key)));
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("src/main/resources/application.properties")));
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("docs")), Files.walk(Path.of("k8s")))) {
            // Screenshots (docs/dashboard/*.png) are no text to search.
            files.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".png")).forEach(docs::add);
        }
        for (Path doc : docs) {
            Matcher m = ENV_VAR.matcher(Files.readString(doc));
            while (m.find()) {
                assertTrue(variables.contains(m.group()), doc + " names " + m.group() + ", which no key reads");
            }
        }
    }

    private static Set<String> readmeKeys() throws IOException {
        Set<String> keys = new TreeSet<>(ReadmeConfigTable.keys());
        keys.removeIf(key -> !key.startsWith("xoal."));
        return keys;
    }

    private static Set<String> codeKeys() throws Exception {
        Set<String> keys = new TreeSet<>();
        Path classes = Path.of(IngestConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ConfigurationDocsTest.class.getClassLoader());
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null && mapping.prefix().startsWith("xoal")) {
                    collect(type, mapping.prefix(), keys);
                }
            }
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = SCHEDULED_KEY.matcher(Files.readString(source));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    private static void collect(Class<?> group, String prefix, Set<String> keys) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || method.isSynthetic()) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String key = prefix + "." + (named != null ? named.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && !type.getName().startsWith("java.") && type != Optional.class) {
                collect(type, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}

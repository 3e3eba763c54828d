package io.xoal.events.deploy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.xoal.events.error.Problem;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A native binary serialises only what is registered for reflection. Quarkus registers the types
 * of resource method signatures; this holds that every other type Jackson reaches (a body built
 * into a {@code Response}, a value given to an {@code ObjectMapper}, a jsonb column's value type,
 * and what their properties reach) carries {@code @RegisterForReflection} or is a target of one.
 */
class ReflectionRegistrationTest {

    static final String ROOT = "io.xoal.events.";

    @Test
    void everyTypeJacksonReachesIsRegisteredForReflection() throws Exception {
        Map<String, String> reached = reachedTypes();
        assertTrue(reached.containsKey(Problem.class.getName()),
                "the scan finds the problem body built in the exception mapper: " + reached.keySet());
        Set<String> registered = registered();
        Map<String, String> missing = new TreeMap<>(reached);
        missing.keySet().removeAll(registered);
        assertEquals(Map.of(), missing, "types Jackson reaches by reflection (type=where) missing from a "
                + "@RegisterForReflection, e.g. io.xoal.events.common.NativeReflection");
    }

    /** Every application type Jackson reaches, each with where it was found. */
    static Map<String, String> reachedTypes() throws Exception {
        Path classes = classes();
        Map<String, String> roots = new TreeMap<>(new JacksonReachedTypes(classes, ROOT).scan());
        for (Class<?> type : applicationClasses(classes)) {
            for (Field field : type.getDeclaredFields()) {
                JdbcTypeCode code = field.getAnnotation(JdbcTypeCode.class);
                if (code != null && code.value() == SqlTypes.JSON) {
                    JacksonTypes.names(field.getGenericType()).stream()
                            .filter(name -> name.startsWith(ROOT))
                            .forEach(name -> roots.putIfAbsent(name, "jsonb " + type.getName() + "." + field.getName()));
                }
            }
        }
        return JacksonTypes.closure(roots, ROOT);
    }

    private static Set<String> registered() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Class<?> type : applicationClasses(classes())) {
            RegisterForReflection registration = type.getAnnotation(RegisterForReflection.class);
            if (registration == null) {
                continue;
            }
            if (registration.targets().length == 0 && registration.classNames().length == 0) {
                out.add(type.getName());
            }
            Stream.of(registration.targets()).map(Class::getName).forEach(out::add);
            out.addAll(List.of(registration.classNames()));
        }
        return out;
    }

    private static Path classes() throws Exception {
        return Path.of(Problem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Class<?>> applicationClasses(Path classes) throws Exception {
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .collect(Collectors.toList());
            List<Class<?>> out = new java.util.ArrayList<>();
            for (String name : names) {
                try {
                    out.add(JacksonTypes.load(name));
                } catch (LinkageError e) {
                    // A class whose dependencies are not on the test classpath reflects nothing here.
                }
            }
            return out;
        }
    }
}

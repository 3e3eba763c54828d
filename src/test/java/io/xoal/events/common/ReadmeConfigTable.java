package io.xoal.events.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The keys of README.md's configuration table ({@code `a.b.c` / `.d` / `e`} rows expanded). */
public final class ReadmeConfigTable {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ReadmeConfigTable() {
    }

    /** Every {@code xoal.*} and {@code quarkus.*} key the table names. */
    public static Set<String> keys() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Configuration");
        String table = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Set<String> keys = new TreeSet<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            Matcher m = CODE.matcher(line.split("\\|")[1]);
            while (m.find()) {
                names.add(m.group(1));
            }
            String first = names.get(0);
            String parent = first.substring(0, first.lastIndexOf('.') + 1);
            for (String name : names) {
                keys.add(name.startsWith("xoal.") || name.startsWith("quarkus.") ? name : parent + name.replaceFirst("^\\.", ""));
            }
        }
        return keys;
    }

    /** The environment variable of a key: {@code xoal.ingest.max-delay} → {@code XOAL_INGEST_MAX_DELAY}. */
    public static String environmentName(String key) {
        return key.toUpperCase().replaceAll("[.-]", "_");
    }
}

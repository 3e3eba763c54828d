package io.xoal.events.segment.differential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The disagreements of a run, each with what a developer needs to replay it: the seed and sizes,
 * the stage and instant, the definition (and the definitions it refers to), and the customers the
 * two sides disagree on with everything the model knows about them.
 */
final class Findings {

    private static final int SHOWN = 40;
    private static final int CUSTOMERS_SHOWN = 4;

    private final String replay;
    private final List<String> items = new ArrayList<>();

    Findings(String replay) {
        this.replay = replay;
    }

    void failures(String stage, List<String> failures) {
        failures.forEach(f -> items.add("[" + stage + "] " + f));
    }

    /** Records a difference between the model's set and the service's, if any. */
    void compare(String stage, String what, long segment, World world, Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("[" + stage + "] " + what + " of segment " + segment + " at " + world.now + "\n");
        definition(text, segment, world, "  definition: ");
        text.append("  model in, service out: ").append(missing).append("\n  service in, model out: ").append(unexpected);
        List<String> differing = new ArrayList<>(missing);
        differing.addAll(unexpected);
        differing.stream().limit(CUSTOMERS_SHOWN).forEach(id -> text.append("\n    ").append(describe(world, id)));
        items.add(text.toString());
    }

    /** Records a preview that differs from the model: count, or the sample (the newest {@code sampleSize} by usid). */
    void preview(String stage, long segment, World world, Set<String> expected, Api.Preview preview, int sampleSize) {
        List<String> sample = world.newestFirst(expected, sampleSize);
        if (expected.size() == preview.count() && sample.equals(preview.sample())) {
            return;
        }
        StringBuilder text = new StringBuilder("[" + stage + "] preview of segment " + segment + " at " + world.now
                + ": model count " + expected.size() + ", service " + preview.count()
                + "\n  model sample   " + sample + "\n  service sample " + preview.sample() + "\n");
        definition(text, segment, world, "  definition: ");
        Set<String> differing = new TreeSet<>(sample);
        differing.addAll(preview.sample());
        preview.sample().stream().filter(sample::contains).forEach(differing::remove);
        differing.stream().limit(CUSTOMERS_SHOWN).forEach(id -> text.append("    ").append(describe(world, id)).append("\n"));
        items.add(text.toString());
    }

    /** Records the first point of a backtest whose size differs from the model's, if any. */
    void backtest(String stage, long segment, World world, Map<Instant, Long> sizes) {
        sizes.entrySet().stream()
                .filter(point -> world.sizeAt(segment, point.getKey()) != point.getValue())
                .findFirst()
                .ifPresent(point -> {
                    StringBuilder text = new StringBuilder("[" + stage + "] backtest of segment " + segment + " at " + point.getKey()
                            + ": model size " + world.sizeAt(segment, point.getKey()) + ", service " + point.getValue() + "\n");
                    definition(text, segment, world, "  definition: ");
                    items.add(text.toString());
                });
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    List<String> items() {
        return items;
    }

    String report() {
        StringBuilder text = new StringBuilder(items.size() + " disagreement(s) with the model; replay with " + replay + "\n");
        items.stream().limit(SHOWN).forEach(item -> text.append(item).append("\n"));
        if (items.size() > SHOWN) {
            text.append("… and ").append(items.size() - SHOWN).append(" more\n");
        }
        return text.toString();
    }

    private static String describe(World world, String id) {
        ModelCustomer customer = world.customers.get(id);
        return customer == null ? id + " (unknown to the model)" : customer.describe();
    }

    /** The definition, then each segment it refers to (recursively). */
    private static void definition(StringBuilder text, long segment, World world, String label) {
        String json = world.definitions.get(segment).toString();
        text.append(label).append(json).append("\n");
        java.util.regex.Matcher ref = java.util.regex.Pattern.compile("\"in_segment\":\\{\"id\":(\\d+)}").matcher(json);
        while (ref.find()) {
            definition(text, Long.parseLong(ref.group(1)), world, "    segment " + ref.group(1) + ": ");
        }
    }
}

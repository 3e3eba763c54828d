package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * One run of the differential test, all of it drawn from one seed: customers created at their
 * own (frozen) times, events, random definitions; then, per stage, every segment's members and
 * preview against the model — after the recompute, after each round of events and profile
 * changes (event-driven path), and after each move of the clock (sweep); at the end, backtests.
 */
record Scenario(long seed, int customers, int definitions, int rounds, int previewSample) {

    private static final Logger LOG = Logger.getLogger(Scenario.class);
    static final long SEED = 20_261_202L;
    private static final Instant EPOCH = Instant.parse("2026-06-01T00:00:00Z");

    /** The CI run, or what {@code -Ddifferential.seed / .rounds / .customers / .definitions} ask for. */
    static Scenario fromSystemProperties(int previewSample) {
        return new Scenario(Long.getLong("differential.seed", SEED), Integer.getInteger("differential.customers", 40),
                Integer.getInteger("differential.definitions", 30), Integer.getInteger("differential.rounds", 2),
                previewSample);
    }

    String replay() {
        return "-Ddifferential.seed=" + seed + " -Ddifferential.customers=" + customers
                + " -Ddifferential.definitions=" + definitions + " -Ddifferential.rounds=" + rounds;
    }

    Findings run(Api api, Engine engine) {
        Random random = new Random(seed);
        Instant t0 = EPOCH.plusMillis((long) (random.nextDouble() * Duration.ofDays(180).toMillis()));
        Times times = new Times(random, t0, rounds);
        Values values = new Values(random, times);
        DataGenerator data = new DataGenerator(values, times);
        World world = new World(t0);
        Findings findings = new Findings(replay());

        List<Instant> created = IntStream.range(0, customers).mapToObj(i -> times.past(t0)).sorted().toList();
        for (Instant at : created) {
            at(at, engine, world);
            api.send(data.newCustomer(at, values.chance(40)), world);
        }
        at(t0, engine, world);
        List<Change> history = new ArrayList<>();
        for (int i = 0; i < customers * 4; i++) {
            history.add(data.event(values.one(data.ids()), t0));
        }
        api.send(history, world);

        DefinitionGenerator generator = new DefinitionGenerator(values, times, data.ids());
        for (int i = 0; i < definitions; i++) {
            JsonNode definition = generator.definition(List.copyOf(world.segments.keySet()));
            world.segment(api.segment("s" + i, definition), definition);
        }
        log("customers, events and segments created");
        findings.failures("recompute", engine.recompute());
        log("recomputed");
        compare("after the recompute", api, world, findings, true);

        for (int round = 1; round <= rounds; round++) {
            api.send(data.round(world.now, customers), world);
            log("round " + round + " sent");
            findings.failures("round " + round + " events", engine.settle());
            compare("round " + round + ": after events and profile changes", api, world, findings, false);
            at(times.nows.get(round), engine, world);
            findings.failures("round " + round + " sweep", engine.sweep());
            log("round " + round + " swept");
            compare("round " + round + ": after the clock moved " + times.step(round), api, world, findings, round == rounds);
        }
        backtests(api, world, findings);
        return findings;
    }

    /**
     * Backtests of every definition that reads no other segment (in_segment comes from the ledger,
     * which follows what the engine did at each stage, not the model's truth between stages): daily
     * over the whole run and hourly over its last two days, against the model as of each point.
     */
    private static void backtests(Api api, World world, Findings findings) {
        log("comparing backtests");
        world.definitions.forEach((segment, definition) -> {
            if (!definition.toString().contains("\"in_segment\"")) {
                findings.backtest("backtest by day", segment, world, api.backtest(definition, 120, "day"));
                findings.backtest("backtest by hour", segment, world, api.backtest(definition, 2, "hour"));
            }
        });
    }

    private static void log(String what) {
        LOG.infof("differential: %s", what);
    }

    private static void at(Instant now, Engine engine, World world) {
        engine.freeze(now);
        world.now = now;
    }

    /**
     * Members at every stage; previews (which share no state with the incremental paths) after the
     * recompute and at the end only, to keep the run short.
     */
    private void compare(String stage, Api api, World world, Findings findings, boolean previews) {
        log("comparing " + stage);
        api.observe(world.definitions, previews).forEach((segment, observed) -> {
            var expected = world.expected(segment);
            findings.compare(stage, "members", segment, world, expected, observed.members());
            if (previews) {
                findings.preview(stage, segment, world, expected, observed.preview(), previewSample);
            }
        });
    }
}

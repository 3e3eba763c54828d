package io.xoal.events.ingest.partition;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range partitions of {@code events} by UTC event time, covering every time that validation accepts (back to
 * {@code event-retention} when set, see {@link EventRetention}): yearly
 * partitions for whole years before the last {@value #MONTHLY_MONTHS} months, monthly ones after. Only the job and
 * start-up create them, so that no request ever waits for DDL.
 */
@ApplicationScoped
public class EventPartitions {

    static final int MONTHLY_MONTHS = 24;

    private static final String ATTACHED = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'events'::regclass""";

    private final Pool pool;
    private final PartitionDdl ddl;

    public EventPartitions(Pool pool, PartitionDdl ddl) {
        this.pool = pool;
        this.ddl = ddl;
    }

    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    /** The names of the partitions attached to {@code events}. */
    public Uni<Set<String>> attached() {
        return pool.query(ATTACHED).execute()
                .map(rows -> {
                    Set<String> names = new HashSet<>();
                    for (Row row : rows) {
                        names.add(row.getString(0));
                    }
                    return names;
                });
    }

    /** Creates the partitions missing between {@code earliest} (the earliest accepted month) and the end of {@code last}. */
    public Uni<Void> ensure(YearMonth earliest, YearMonth now, YearMonth last) {
        return attached()
                .map(names -> missing(names, earliest, now, last))
                .onItem().transformToMulti(ranges -> Multi.createFrom().iterable(ranges))
                .onItem().transformToUniAndConcatenate(range -> ddl.attach("events", range.name(),
                        "FROM ('%s') TO ('%s')".formatted(bound(range.from()), bound(range.to()))))
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * The partitions to create, nearest first: the current and coming months, then the past backwards. A year gets
     * one partition only when it lies wholly before the monthly span and none of its months exists yet, so bounds
     * never overlap whatever the partitions already there.
     */
    static List<Range> missing(Set<String> existing, YearMonth earliest, YearMonth now, YearMonth last) {
        YearMonth monthlyFrom = now.minusMonths(MONTHLY_MONTHS);
        List<Range> ranges = new ArrayList<>();
        for (YearMonth m = now; !m.isAfter(last); m = m.plusMonths(1)) {
            addMonth(ranges, existing, m);
        }
        for (int year = now.minusMonths(1).getYear(); year >= earliest.getYear(); year--) {
            String yearly = "events_p%d".formatted(year);
            boolean anyMonth = existing.stream().anyMatch(name -> name.startsWith(yearly + "_"));
            if (existing.contains(yearly)) {
                continue;
            }
            if (!YearMonth.of(year + 1, 1).isAfter(monthlyFrom) && !anyMonth) {
                ranges.add(new Range(yearly, YearMonth.of(year, 1), YearMonth.of(year + 1, 1)));
                continue;
            }
            YearMonth first = YearMonth.of(year, 1).isBefore(earliest) ? earliest : YearMonth.of(year, 1);
            YearMonth latest = YearMonth.of(year, 12).isBefore(now) ? YearMonth.of(year, 12) : now.minusMonths(1);
            for (YearMonth m = latest; !m.isBefore(first); m = m.minusMonths(1)) {
                addMonth(ranges, existing, m);
            }
        }
        return ranges;
    }

    private static void addMonth(List<Range> ranges, Set<String> existing, YearMonth month) {
        Range range = new Range("events_p%d_%02d".formatted(month.getYear(), month.getMonthValue()), month, month.plusMonths(1));
        if (!existing.contains(range.name()) && !existing.contains("events_p%d".formatted(month.getYear()))) {
            ranges.add(range);
        }
    }

    private static String bound(YearMonth month) {
        return month.atDay(1) + " 00:00:00+00";
    }

    /** One partition: its name and bounds come from dates only, never from input. */
    record Range(String name, YearMonth from, YearMonth to) {

        private static final Pattern NAME = Pattern.compile("events_p(\\d{4})(?:_(0[1-9]|1[0-2]))?");

        /** The range a partition of ours covers, read back from its name; empty for a table we did not name. */
        static Optional<Range> of(String name) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                return Optional.empty();
            }
            int year = Integer.parseInt(m.group(1));
            YearMonth from = m.group(2) == null ? YearMonth.of(year, 1) : YearMonth.of(year, Integer.parseInt(m.group(2)));
            return Optional.of(new Range(name, from, m.group(2) == null ? from.plusYears(1) : from.plusMonths(1)));
        }
    }
}

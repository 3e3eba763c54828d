package io.xoal.events.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.write.EventWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Accepts a request of events in any dialect: validates every item, hands the valid ones to the
 * group-commit writer and replies once they are committed.
 */
@ApplicationScoped
public class IngestService {

    private final IngestBodyReader reader;
    private final EventWriter writer;
    private final RejectionLog rejections;
    private final IngestConfig config;
    private final Clock clock;
    private final Timer requests;

    public IngestService(ObjectMapper mapper, IngestConfig config, EventWriter writer, RejectionLog rejections,
                         Clock clock, MeterRegistry registry) {
        this.reader = new IngestBodyReader(mapper, config);
        this.writer = writer;
        this.rejections = rejections;
        this.config = config;
        this.clock = clock;
        // Server-side latency of an ingest request, from its body to its committed reply; a short
        // window so that the percentiles describe the last seconds, not the last minutes.
        this.requests = Timer.builder("xoal.ingest.request.duration")
                .description("An ingest request, from its parsed body to its committed reply (server side)")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofSeconds(10))
                .distributionStatisticBufferLength(2)
                .register(registry);
    }

    /**
     * Reads a request body; an object with an array under {@code batchField} is a wrapped batch.
     * A body refused as a whole (malformed, too large) is counted under {@code source}.
     */
    public IngestBodyReader.Body read(byte[] body, String batchField, String source) {
        try {
            return reader.read(body, batchField);
        } catch (ProblemException e) {
            rejections.refused(source);
            throw e;
        }
    }

    /**
     * Validates every item with {@code dialect}, hands the valid ones to the group-commit writer
     * and replies once they are committed; rejected items are recorded under {@code source}.
     */
    public Uni<IngestReply> ingest(long workspaceId, IngestBodyReader.Body parsed, Dialect dialect, String source) {
        return ingest(workspaceId, parsed, dialect, source, config.maxEventBytes());
    }

    /** Like the above, with items up to {@code maxItemBytes} (a webhook delivery is one item bounded as a delivery). */
    public Uni<IngestReply> ingest(long workspaceId, IngestBodyReader.Body parsed, Dialect dialect, String source,
                                   int maxItemBytes) {
        Timer.Sample sample = Timer.start();
        Instant receivedAt = clock.instant();
        List<Envelope> valid = new ArrayList<>(parsed.items().size());
        List<IngestReply.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < parsed.items().size(); i++) {
            IngestBodyReader.Item item = parsed.items().get(i);
            List<FieldError> errors = new ArrayList<>();
            Envelope envelope = item.bytes() > maxItemBytes
                    ? tooLarge(item, maxItemBytes, errors)
                    : dialect.parse(item.node(), workspaceId, receivedAt, errors);
            if (envelope != null) {
                valid.add(envelope);
            } else {
                rejected.add(new IngestReply.Rejected(i, errors));
            }
        }
        Function<SqlConnection, Uni<Void>> logged = rejections.insert(workspaceId, receivedAt, source, rejected,
                parsed.items());
        if (valid.isEmpty()) {
            ProblemException problem = ProblemException.badRequest(
                    parsed.batch() ? "No event of the batch is valid" : "The event is not valid",
                    parsed.batch() ? indexed(rejected) : rejected.get(0).errors());
            return rejections.record(logged)
                    .invoke(() -> rejections.counted(source, rejected.size()))
                    .chain(() -> Uni.createFrom().failure(problem));
        }
        return writer.write(valid, logged)
                .invoke(() -> rejections.counted(source, rejected.size()))
                .map(outcome -> new IngestReply(outcome.accepted(), outcome.duplicates(), rejected))
                .onTermination().invoke(() -> sample.stop(requests));
    }

    private static Envelope tooLarge(IngestBodyReader.Item item, int maxItemBytes, List<FieldError> errors) {
        errors.add(new FieldError("", "the event is " + item.bytes() + " bytes; the limit is "
                + maxItemBytes + " bytes"));
        return null;
    }

    private static List<FieldError> indexed(List<IngestReply.Rejected> rejected) {
        return rejected.stream()
                .flatMap(r -> r.errors().stream().map(e -> new FieldError("/" + r.index() + e.field(), e.message())))
                .toList();
    }
}

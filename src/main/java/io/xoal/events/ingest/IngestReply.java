package io.xoal.events.ingest;

import io.xoal.events.error.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What an ingest request got: stored, already seen (by messageId), and rejected items. */
@Schema(description = "Sent only after the accepted events are committed")
public record IngestReply(int accepted, int duplicates, List<Rejected> rejected) {

    /** An item of the request that was not stored, with why. */
    public record Rejected(int index, List<FieldError> errors) {
    }
}

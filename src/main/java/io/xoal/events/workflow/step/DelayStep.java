package io.xoal.events.workflow.step;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.segment.definition.CustomerColumns;
import io.xoal.events.workflow.definition.StepSettings;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A delay: the run moves on to {@code next}, due when the wait ends — after a span, at an instant,
 * at a customer's date attribute plus an offset, or at the next time of day in the customer's
 * {@code timezone} (the step's fallback zone without a valid one). Times come from the injected
 * clock; an end already past (or a date the customer lacks) means due now.
 */
@ApplicationScoped
public class DelayStep {

    private final Pool pool;

    public DelayStep(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step, Instant now) {
        return due(run, step.settings(), now)
                .map(due -> due.isBefore(now) ? now : due)
                .chain(due -> RunAdvance.apply(pool, run, RunAdvance.Outcome.advance(step.next(), due, "delayed",
                        "{\"until\": \"" + due + "\"}"), now));
    }

    private Uni<Instant> due(ClaimedRun run, StepSettings settings, Instant now) {
        if (settings instanceof StepSettings.Delay delay) {
            return Uni.createFrom().item(now.plus(delay.duration()));
        }
        if (settings instanceof StepSettings.DelayUntil until) {
            return Uni.createFrom().item(until.until());
        }
        if (settings instanceof StepSettings.DelayUntilAttribute attribute) {
            return customer(run, attribute.attribute()).map(row -> row == null ? now : plus(row.getString("attr"), attribute, now));
        }
        StepSettings.DelayTimeOfDay time = (StepSettings.DelayTimeOfDay) settings;
        return customer(run, null).map(row -> {
            ZoneId own = row == null ? null : StepSettings.DelayTimeOfDay.zone(row.getString("timezone"));
            return nextTimeOfDay(time, own == null ? time.fallbackZone() : own, now);
        });
    }

    /** The customer's timezone and, if named, the text of a date attribute (a built-in column in ISO form). */
    private Uni<Row> customer(ClaimedRun run, String attribute) {
        CustomerColumns.Column column = attribute == null ? null : CustomerColumns.builtIn(attribute);
        String attr = attribute == null ? "NULL" : column != null ? "to_jsonb(" + column.sql() + ") #>> '{}'" : "attributes ->> $3";
        Tuple args = Tuple.of(run.workspaceId(), run.subjectId());
        if (attribute != null && column == null) {
            args.addString(attribute);
        }
        return pool.preparedQuery("SELECT timezone, " + attr + " AS attr FROM customers WHERE workspace_id = $1 AND usid = $2")
                .execute(args)
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    private static Instant plus(String date, StepSettings.DelayUntilAttribute attribute, Instant now) {
        try {
            return date == null ? now : OffsetDateTime.parse(date).toInstant().plus(attribute.offset());
        } catch (DateTimeException e) {
            return now;
        }
    }

    static Instant nextTimeOfDay(StepSettings.DelayTimeOfDay time, ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime at = local.toLocalDate().atTime(time.at()).atZone(zone);
        return (at.isAfter(local) ? at : local.toLocalDate().plusDays(1).atTime(time.at()).atZone(zone)).toInstant();
    }
}

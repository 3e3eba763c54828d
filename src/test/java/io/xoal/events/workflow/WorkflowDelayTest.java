package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Delays until an instant, a customer's date attribute with an offset, and a time of day in the customer's zone. */
@QuarkusTest
class WorkflowDelayTest extends WorkflowTestBase {

    @BeforeEach
    void frozenClock() {
        clock.freeze(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30)));
    }

    /** A workflow of one delay then an exit; the answer is the delay's due time for each user's run. */
    private long delay(String key, Object value) {
        return fixture.workflowId(Map.of(), List.of(step("wait", "delay", key, value, "next", "done"), step("done", "exit")));
    }

    private Instant due(long wf, String user) {
        return Instant.parse(fixture.runOf(wf, user).getString("due_at"));
    }

    @Test
    void aDelayUntilAnInstantEndsThereOrAtOnceWhenItPassed() {
        Instant until = clock.instant().plus(Duration.ofHours(3));
        long later = delay("until", until.toString());
        long past = delay("until", clock.instant().minus(Duration.ofDays(1)).toString());
        String user = unique("u");
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        assertEquals(until, due(later, user));
        assertEquals("completed", fixture.runOf(past, user).getString("state"), "a passed instant waits for nothing");
        clock.advance(Duration.ofHours(3));
        fixture.drain();
        assertEquals("completed", fixture.runOf(later, user).getString("state"));
    }

    @Test
    void aDelayUntilADateAttributeAppliesTheOffsetAndWithoutTheDateGoesOnAtOnce() {
        long wf = delay("until_attribute", Map.of("name", "renews_at", "offset", "-P3D"));
        long joined = delay("until_attribute", Map.of("name", "joined_date", "offset", "P7D"));
        String renewing = unique("r");
        String dateless = unique("d");
        Instant renewsAt = clock.instant().plus(Duration.ofDays(10));
        Instant joinedAt = clock.instant().minus(Duration.ofDays(1));
        ws.admin().body(Map.of("attributes", Map.of("renews_at", renewsAt.toString()), "joined_date", joinedAt.toString()))
                .put("/v1/customers/" + renewing).then().statusCode(201);
        fixture.event(renewing, "signed_up", Map.of());
        fixture.event(dateless, "signed_up", Map.of());
        fixture.drain();
        assertEquals(renewsAt.minus(Duration.ofDays(3)), due(wf, renewing));
        assertEquals(joinedAt.plus(Duration.ofDays(7)), due(joined, renewing), "a built-in date attribute");
        assertEquals("completed", fixture.runOf(wf, dateless).getString("state"));
    }

    @Test
    void aDelayUntilATimeOfDayUsesTheCustomersZoneElseTheFallback() {
        long wf = delay("time_of_day", Map.of("at", "09:00", "fallback_zone", "Asia/Tokyo"));
        String newYorker = unique("ny");
        String unzoned = unique("tz");
        ws.admin().body(Map.of("timezone", "America/New_York")).put("/v1/customers/" + newYorker).then().statusCode(201);
        fixture.event(newYorker, "signed_up", Map.of());
        fixture.event(unzoned, "signed_up", Map.of());
        fixture.drain();
        assertEquals(nextNine(ZoneId.of("America/New_York")), due(wf, newYorker));
        assertEquals(nextNine(ZoneId.of("Asia/Tokyo")), due(wf, unzoned));
    }

    /** 09:00 local, after now (the clock is at half past an hour, never exactly 09:00). */
    private Instant nextNine(ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime today = now.with(LocalTime.of(9, 0));
        return (today.isAfter(now) ? today : today.plusDays(1).with(LocalTime.of(9, 0))).toInstant();
    }
}

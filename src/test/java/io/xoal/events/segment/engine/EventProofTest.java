package io.xoal.events.segment.engine;

import io.xoal.events.segment.definition.Definitions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the touching events decide alone, and what they leave to the segment's statement: only an
 * event of the condition's name inside its window is evidence, only "at least once" and "zero
 * times" are decided by it, and and / or / not keep an answer only where the unknown conditions
 * cannot change it.
 */
class EventProofTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final long CUSTOMER = 7;

    /**
     * Customer 7 was touched by a purchase an hour ago and a search 40 days ago; customer 8 by a
     * login 10 s in the future; customer 9 by two purchases today, one of them queued twice.
     */
    private static Touched touched() {
        Touched touched = new Touched();
        touched.add(new Long[]{CUSTOMER, CUSTOMER, 8L, 9L, 9L}, new Long[]{1L, 2L, 3L, 4L, 5L},
                new String[]{"purchase", "search", "login", "purchase", "purchase"},
                new OffsetDateTime[]{at(NOW.minus(Duration.ofHours(1))), at(NOW.minus(Duration.ofDays(40))), at(NOW.plusSeconds(10)),
                        at(NOW.minus(Duration.ofHours(2))), at(NOW.minus(Duration.ofHours(3)))});
        touched.add(new Long[]{9L}, new Long[]{5L}, new String[]{"purchase"}, new OffsetDateTime[]{at(NOW.minus(Duration.ofHours(3)))});
        return touched;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Boolean decide(String definition, long usid) {
        return EventProof.decide(Definitions.parse(definition), usid, touched(), Map.of(), NOW);
    }

    private static Boolean decide(String definition) {
        return decide(definition, CUSTOMER);
    }

    @Test
    void anEventInsideTheWindowProvesAtLeastOnce() {
        assertEquals(true, decide("{'performed':{'event':'purchase','window':{'days':30}}}"));
        assertEquals(true, decide("{'performed':{'event':'purchase','window':{'hours':2}}}"));
        assertEquals(true, decide("{'performed':{'event':'purchase'}}"), "ever");
        assertEquals(true, decide("{'performed':{'event':'purchase','window':{'from':'2026-12-01T00:00:00Z','to':'2026-12-05T00:00:00Z'}}}"));
    }

    @Test
    void anEventOutsideTheWindowOrOfAnotherNameProvesNothing() {
        assertNull(decide("{'performed':{'event':'purchase','window':{'minutes':30}}}"), "before the window");
        assertNull(decide("{'performed':{'event':'search','window':{'days':30}}}"), "40 days ago");
        assertNull(decide("{'performed':{'event':'login','window':{'days':1}}}", 8), "in the future: after the window's end");
        assertNull(decide("{'performed':{'event':'signed_up','window':{'days':30}}}"));
        assertNull(decide("{'performed':{'event':'purchase','window':{'days':30}}}", 10), "another customer");
    }

    @Test
    void onlyCountsThatOneEventDecidesAreDecided() {
        assertNull(decide("{'performed':{'event':'purchase','count':{'op':'at_least','value':2},'window':{'days':30}}}"));
        assertNull(decide("{'performed':{'event':'purchase','count':{'op':'exactly','value':1},'window':{'days':30}}}"));
        assertNull(decide("{'performed':{'event':'purchase','count':{'op':'at_most','value':3},'window':{'days':30}}}"));
        assertEquals(false, decide("{'performed':{'event':'purchase','count':{'op':'at_most','value':0},'window':{'days':30}}}"));
        assertEquals(false, decide("{'performed':{'event':'purchase','count':{'op':'exactly','value':0},'window':{'days':30}}}"));
    }

    @Test
    void kDistinctEventsInsideTheWindowProveAtLeastK() {
        assertEquals(true, decide("{'performed':{'event':'purchase','count':{'op':'at_least','value':2},'window':{'days':1}}}", 9));
        assertNull(decide("{'performed':{'event':'purchase','count':{'op':'at_least','value':3},'window':{'days':1}}}", 9),
                "the same event queued twice counts once");
        assertEquals(false, decide("{'performed':{'event':'purchase','count':{'op':'exactly','value':1},'window':{'days':1}}}", 9));
        assertEquals(false, decide("{'performed':{'event':'purchase','count':{'op':'at_most','value':1},'window':{'days':1}}}", 9));
        assertNull(decide("{'performed':{'event':'purchase','count':{'op':'exactly','value':2},'window':{'days':1}}}", 9));
        assertNull(decide("{'performed':{'event':'purchase','count':{'op':'at_least','value':2},'window':{'minutes':150}}}", 9),
                "one of the two is before the window");
    }

    @Test
    void propertyFiltersAreLeftToTheStatement() {
        assertNull(decide("{'performed':{'event':'purchase','where':[{'property':'amount','type':'number','op':'gte','value':400}],'window':{'days':30}}}"));
    }

    @Test
    void negationTurnsTheProofAround() {
        assertEquals(false, decide("{'not':{'performed':{'event':'purchase','window':{'days':30}}}}"));
        // Not "at most 0" is "at least once": true without the history rule.
        assertEquals(true, decide("{'not':{'performed':{'event':'purchase','count':{'op':'at_most','value':0},'window':{'days':30}}}}"));
        assertEquals(true, decide("{'not':{'not':{'performed':{'event':'purchase','window':{'days':30}}}}}"));
        // Not "at most 3" is "at least 4": one event does not decide it.
        assertNull(decide("{'not':{'performed':{'event':'purchase','count':{'op':'at_most','value':3},'window':{'days':30}}}}"));
    }

    @Test
    void andOrKeepOnlyAnswersTheUnknownConditionsCannotChange() {
        String vip = "{'tag':{'has':'VIP'}}";
        String buyer = "{'performed':{'event':'purchase','window':{'days':30}}}";
        String notBuyer = "{'not':" + buyer + "}";
        assertEquals(true, decide("{'or':[" + vip + "," + buyer + "]}"));
        assertNull(decide("{'and':[" + vip + "," + buyer + "]}"));
        assertEquals(false, decide("{'and':[" + vip + "," + notBuyer + "]}"));
        assertNull(decide("{'or':[" + vip + "," + notBuyer + "]}"));
        assertEquals(false, decide("{'not':{'or':[" + vip + "," + buyer + "]}}"));
        assertNull(decide("{'not':{'and':[" + vip + "," + buyer + "]}}"));
        assertNull(decide("{'in_segment':{'id':3}}"));
    }

    @Test
    void tagsAreKnownWhenTheDrainReadThem() {
        String buyer = "{'performed':{'event':'purchase','window':{'days':30}}}";
        Map<Long, Set<String>> vip = Map.of(CUSTOMER, Set.of("VIP"));
        Map<Long, Set<String>> none = Map.of(CUSTOMER, Set.of());
        String vipBuyers = "{'and':[{'tag':{'has':'VIP'}}," + buyer + "]}";
        assertEquals(true, EventProof.decide(Definitions.parse(vipBuyers), CUSTOMER, touched(), vip, NOW));
        assertEquals(false, EventProof.decide(Definitions.parse(vipBuyers), CUSTOMER, touched(), none, NOW));
        String notTagged = "{'and':[" + buyer + ",{'not':{'tag':{'has':'VIP'}}}]}";
        assertEquals(false, EventProof.decide(Definitions.parse(notTagged), CUSTOMER, touched(), vip, NOW));
        assertEquals(true, EventProof.decide(Definitions.parse(notTagged), CUSTOMER, touched(), none, NOW));
        assertEquals(false, EventProof.decide(Definitions.parse("{'tag':{'has_not':'VIP'}}"), CUSTOMER, touched(), vip, NOW));
        assertEquals(true, EventProof.decide(Definitions.parse("{'not':{'tag':{'has_not':'VIP'}}}"), CUSTOMER, touched(), vip, NOW));
        assertNull(EventProof.decide(Definitions.parse(vipBuyers), 10, touched(), vip, NOW), "a customer whose tags were not read");
    }
}

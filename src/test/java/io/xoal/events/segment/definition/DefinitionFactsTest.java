package io.xoal.events.segment.definition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How definitions are classified: what makes the engine skip members, consider every customer, or sweep. */
class DefinitionFactsTest {

    private static DefinitionFacts facts(String json) {
        return DefinitionFacts.of(Definitions.parse(json));
    }

    @ParameterizedTest(name = "{0} grows with events: {1}")
    @CsvSource(delimiter = '|', value = {
            "{'performed':{'event':'a'}}|true",
            "{'and':[{'performed':{'event':'a','window':{'days':3}}},{'or':[{'performed':{'event':'b','count':{'op':'at_least','value':2}}}]}]}|true",
            "{'performed':{'event':'a','count':{'op':'at_most','value':1}}}|false",
            "{'performed':{'event':'a','count':{'op':'exactly','value':1}}}|false",
            "{'not':{'performed':{'event':'a'}}}|false",
            "{'and':[{'performed':{'event':'a'}},{'not':{'performed':{'event':'b'}}}]}|false",
            "{'in_segment':{'id':4}}|false",
            "{'and':[{'performed':{'event':'a'}},{'tag':{'has':'VIP'}}]}|false"})
    void onlyAtLeastUnderAndOrGrowsWithEvents(String json, boolean grows) {
        assertEquals(grows, facts(json).growsWithEvents());
    }

    @ParameterizedTest(name = "{0} matches a customer without events: {1}")
    @CsvSource(delimiter = '|', value = {
            "{'not':{'performed':{'event':'a'}}}|true",
            "{'performed':{'event':'a','count':{'op':'at_most','value':0}}}|true",
            "{'performed':{'event':'a','count':{'op':'exactly','value':0}}}|true",
            "{'performed':{'event':'a','count':{'op':'exactly','value':1}}}|false",
            "{'not':{'in_segment':{'id':4}}}|true",
            "{'in_segment':{'id':4}}|false",
            "{'performed':{'event':'a'}}|false",
            "{'not':{'and':[{'performed':{'event':'a'}},{'performed':{'event':'b'}}]}}|true",
            "{'and':[{'not':{'performed':{'event':'a'}}},{'performed':{'event':'b'}}]}|false",
            "{'or':[{'in_segment':{'id':4}},{'not':{'performed':{'event':'b','count':{'op':'at_least','value':2}}}}]}|true"})
    void aCustomerWithoutEventsCanMatchZeroEventConditions(String json, boolean empty) {
        assertEquals(empty, facts(json).emptyMatches());
    }

    @ParameterizedTest(name = "{0} reads the start of history: {1}")
    @CsvSource(delimiter = '|', value = {
            "{'not':{'performed':{'event':'a','window':{'days':30}}}}|true",
            "{'not':{'performed':{'event':'a'}}}|false",
            "{'performed':{'event':'a','window':{'days':30}}}|false",
            "{'performed':{'event':'a','count':{'op':'at_most','value':2},'window':{'hours':5}}}|true",
            "{'performed':{'event':'a','count':{'op':'at_most','value':2},'window':{'from':'2026-01-01T00:00:00Z','to':'2026-02-01T00:00:00Z'}}}|true",
            "{'not':{'performed':{'event':'a','count':{'op':'exactly','value':0},'window':{'days':1}}}}|false"})
    void theHistoryRuleAppliesWhereZeroEventsMatchAWindow(String json, boolean history) {
        assertEquals(history, facts(json).readsHistory());
    }

    @Test
    void customerChangesCountForProfilesEmptyMatchesAndHistory() {
        assertTrue(facts("{'attribute':{'name':'plan','type':'string','op':'eq','value':'pro'}}").readsCustomerChanges());
        assertTrue(facts("{'not':{'in_segment':{'id':4}}}").readsCustomerChanges());
        assertTrue(facts("{'not':{'performed':{'event':'a','window':{'days':30}}}}").readsCustomerChanges());
        assertFalse(facts("{'performed':{'event':'a','window':{'days':30}}}").readsCustomerChanges());
        assertFalse(facts("{'in_segment':{'id':4}}").readsCustomerChanges());
    }

    @Test
    void onlyLastActiveMakesEveryEventOfACustomerCount() {
        assertTrue(facts("{'attribute':{'name':'last_active','op':'less_than_ago','value':{'days':1}}}").readsActivity());
        assertTrue(facts("{'not':{'attribute':{'name':'last_active','op':'less_than_ago','value':{'days':1}}}}").readsActivity());
        assertFalse(facts("{'attribute':{'name':'plan','type':'string','op':'eq','value':'pro'}}").readsActivity());
        assertFalse(facts("{'attribute':{'name':'created_at','op':'less_than_ago','value':{'days':1}}}").readsActivity());
    }

    @Test
    void relativeDatesInPropertyFiltersMakeASegmentChangeWithTime() {
        DefinitionFacts facts = facts("{'performed':{'event':'trial','where':[{'property':'ends','type':'date','op':'less_than_ago','value':{'days':7}},"
                + "{'property':'plan','type':'string','op':'eq','value':'pro'}]}}");
        assertTrue(facts.timeRelative());
        assertEquals(1, facts.propertyDates().size());
        assertEquals("trial", facts.propertyDates().get(0).event());
        assertEquals(Duration.ofDays(7), facts.propertyDates().get(0).filter().value());
        assertFalse(facts("{'performed':{'event':'trial','where':[{'property':'ends','type':'date','op':'gt','value':'2026-01-01T00:00:00Z'}]}}")
                .timeRelative());
    }

    @Test
    void namesLapsesAndDependenciesAreCollectedOnce() {
        DefinitionFacts facts = facts("{'and':[{'in_segment':{'id':4}},{'not':{'in_segment':{'id':4}}},"
                + "{'performed':{'event':'a','window':{'days':2}}},{'performed':{'event':'a'}},"
                + "{'attribute':{'name':'joined_date','op':'more_than_ago','value':{'days':7}}}]}");
        assertEquals(List.of("a"), facts.eventNames());
        assertEquals(List.of(4L), facts.dependsOn());
        assertEquals(List.of(new DefinitionFacts.Lapse("a", Duration.ofDays(2))), facts.lapses());
        assertEquals(1, facts.relativeDates().size());
        assertTrue(facts.readsProfile());
    }
}

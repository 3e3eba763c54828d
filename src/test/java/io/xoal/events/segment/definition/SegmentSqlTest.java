package io.xoal.events.segment.definition;

import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shape of the SQL a definition compiles to: bind parameters only, the driver set, the history rule. */
class SegmentSqlTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:34:56Z");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)::");

    /** The compiled text and its parameters. */
    private record Compiled(String sql, Tuple params) {

        List<Object> values() {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                values.add(params.getValue(i));
            }
            return values;
        }

        /** Every parameter is referenced, so PostgreSQL can type each (42P18 otherwise). */
        void usesEveryParameter() {
            Matcher m = PLACEHOLDER.matcher(sql);
            java.util.Set<Integer> used = new java.util.HashSet<>();
            while (m.find()) {
                used.add(Integer.parseInt(m.group(1)));
            }
            for (int i = 1; i <= params.size(); i++) {
                assertTrue(used.contains(i), "$" + i + " unused in " + sql);
            }
        }
    }

    private static Compiled compile(String json, SegmentSql.Scope scope) {
        SqlParams params = new SqlParams();
        String candidates = scope instanceof SegmentSql.Scope.Candidates ? params.add(new Long[]{1L, 2L}, "bigint[]") : null;
        SegmentSql.Scope used = candidates != null ? new SegmentSql.Scope.Candidates(candidates) : scope;
        String sql = SegmentSql.matches(Definitions.parse(json), 7L, NOW, used, params);
        return new Compiled(sql, params.tuple());
    }

    private static Compiled all(String json) {
        return compile(json, new SegmentSql.Scope.All());
    }

    @Test
    void everyUserValueIsABindParameter() {
        String hostile = "x' OR 1=1; --";
        // The JSON text spells the quote as an escape (Definitions reads single quotes as double quotes).
        Compiled c = all(("{'and':[{'performed':{'event':'H','where':[{'property':'H.k','type':'string','op':'eq','value':'H'}]}},"
                + "{'attribute':{'name':'H','type':'string','op':'in','value':['H']}},{'tag':{'has':'H'}}]}").replace("H", "x\\u0027 OR 1=1; --"));
        assertFalse(c.sql().contains("OR 1=1"), c.sql());
        assertTrue(c.values().contains(hostile));
        assertTrue(c.values().stream().anyMatch(v -> v instanceof String[] path && List.of(path).contains(hostile)));
        c.usesEveryParameter();
    }

    @Test
    void eventsDriveTheStatementUnlessZeroEventsMatch() {
        assertTrue(all("{'performed':{'event':'a','window':{'days':30}}}").sql().contains("FROM (SELECT usid FROM p1) c"));
        assertTrue(all("{'or':[{'performed':{'event':'a'}},{'tag':{'has':'VIP'}}]}").sql().contains(" UNION "));
        for (String zero : List.of("{'not':{'performed':{'event':'a'}}}", "{'performed':{'event':'a','count':{'op':'at_most','value':1}}}",
                "{'or':[{'performed':{'event':'a'}},{'not':{'tag':{'has':'VIP'}}}]}")) {
            assertFalse(all(zero).sql().contains("c.usid IN ("), zero);
        }
    }

    @Test
    void theHistoryRuleReadsHistoryFromOnlyForWindowsThatZeroEventsMatch() {
        Compiled lapsed = all("{'not':{'performed':{'event':'a','window':{'days':30}}}}");
        assertTrue(lapsed.sql().contains("c.history_from <= $"), lapsed.sql());
        assertTrue(lapsed.values().contains(java.time.OffsetDateTime.parse("2026-10-21T12:34:56Z")), lapsed.values().toString());
        assertFalse(all("{'not':{'performed':{'event':'a'}}}").sql().contains("history_from"));
        assertFalse(all("{'performed':{'event':'a','window':{'days':30}}}").sql().contains("history_from"));
        assertFalse(lapsed.sql().contains("created_at"));
    }

    @Test
    void candidatesOfASegmentThatReadsOnlySegmentsTypeEveryParameter() {
        Compiled c = compile("{'not':{'in_segment':{'id':4}}}", new SegmentSql.Scope.Candidates(null));
        c.usesEveryParameter();
        // The membership read names the workspace (a single-shard read when distributed by workspace_id).
        assertTrue(c.sql().contains("m.workspace_id = $"), c.sql());
        compile("{'performed':{'event':'a'}}", new SegmentSql.Scope.Candidates(null)).usesEveryParameter();
    }

    private static Compiled at(String json) {
        SqlParams params = new SqlParams();
        String sql = SegmentSql.matchesAt(Definitions.parse(json), 7L, NOW, params);
        return new Compiled(sql, params.tuple());
    }

    @Test
    void asOfAnInstantOnlyCustomersOfThenAndEventsBeforeItCount() {
        java.time.OffsetDateTime then = java.time.OffsetDateTime.parse("2026-11-20T12:34:56Z");
        for (String json : List.of("{'performed':{'event':'a'}}", "{'not':{'performed':{'event':'a','window':{'days':30}}}}",
                "{'performed':{'event':'a','window':{'hours':5}}}", "{'performed':{'event':'a','where':[{'property':'k','type':'string','op':'exists'}]}}",
                "{'performed':{'event':'a','window':{'from':'2026-01-01T00:00:00Z','to':'2027-01-01T00:00:00Z'}}}",
                "{'and':[{'in_segment':{'id':4}},{'not':{'in_segment':{'id':5}}}]}")) {
            Compiled c = at(json);
            c.usesEveryParameter();
            assertTrue(c.sql().contains("c.history_from <= $"), c.sql());
            assertTrue(c.values().contains(then), json + " " + c.values());
            assertFalse(c.values().contains(java.time.OffsetDateTime.parse("2027-01-01T00:00:00Z")), "a window ends at the instant at the latest");
            assertFalse(c.sql().contains("segment_members"), c.sql());
        }
        // Ever: the rollup's days before the instant's day, its own day from the events when they reach the instant.
        assertTrue(at("{'performed':{'event':'a'}}").sql().contains("d.last_at >= $"));
        assertTrue(at("{'in_segment':{'id':4}}").sql().contains("segment_transitions t"));
    }

    @Test
    void existsReadsTheTypedValueAndDatesGoThroughOneRule() {
        Compiled exists = all("{'attribute':{'name':'score','type':'number','op':'exists'}}");
        assertTrue(exists.sql().contains("= 'number' THEN"), exists.sql());
        assertFalse(exists.sql().contains("<> 'null'"), exists.sql());
        Compiled date = all("{'performed':{'event':'a','where':[{'property':'at','type':'date','op':'exists'}]}}");
        assertTrue(date.sql().contains("xoal_try_timestamptz(e.properties #>> $"), date.sql());
    }

    /**
     * A recompute chunk of a definition that reads no customer column starts from the set that
     * holds every match (here: the performed condition's counts), not from a scan of the chunk's
     * customers: that scan was a third of a warm recompute on the bench data. Whoever reads the
     * customers needs them (an attribute), or the preview's join, or the diff's entry check.
     */
    @Test
    void aRecomputeOfEventsOnlyDoesNotScanTheCustomers() {
        Compiled events = compile("{'performed':{'event':'purchase','window':{'days':30}}}", new SegmentSql.Scope.Range(1, 500_000));
        assertFalse(events.sql().contains("FROM customers c"), events.sql());
        assertTrue(events.sql().contains("matches AS (SELECT c.usid FROM (SELECT usid FROM p1) c"), events.sql());
        assertTrue(events.sql().contains("c.usid BETWEEN"), "the chunk bounds the driver: " + events.sql());
        events.usesEveryParameter();

        Compiled profile = compile("{'and':[{'performed':{'event':'purchase'}},{'attribute':{'name':'plan','type':'string','op':'eq','value':'pro'}}]}",
                new SegmentSql.Scope.Range(1, 500_000));
        assertTrue(profile.sql().contains("FROM customers c"), profile.sql());
        Compiled none = compile("{'not':{'performed':{'event':'purchase'}}}", new SegmentSql.Scope.Range(1, 500_000));
        assertTrue(none.sql().contains("FROM customers c"), "no driver: every customer is a candidate: " + none.sql());
    }
}

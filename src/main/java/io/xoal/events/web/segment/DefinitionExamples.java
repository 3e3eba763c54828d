package io.xoal.events.web.segment;

import java.util.List;

/** The definitions the editor starts from (docs/segments.md, "Worked examples"). */
public final class DefinitionExamples {

    /** One example: its key in {@code /segments/new?example=}, a title and the definition as the editor shows it. */
    public record Example(String key, String title, String definition) {
    }

    static final List<Example> ALL = List.of(
            new Example("recent-buyers", "Purchased in the last 30 days", """
                    {
                      "performed" : {
                        "event" : "purchase",
                        "window" : { "days" : 30 }
                      }
                    }"""),
            new Example("stalled", "Signed up over a week ago and never upgraded", """
                    {
                      "and" : [
                        { "attribute" : { "name" : "joined_date", "op" : "more_than_ago", "value" : { "days" : 7 } } },
                        { "not" : { "performed" : { "event" : "upgraded" } } }
                      ]
                    }"""),
            new Example("big-spenders", "Two purchases of 500 or more within 90 days, or VIPs on the pro plan", """
                    {
                      "or" : [
                        { "performed" : { "event" : "purchase", "count" : { "op" : "at_least", "value" : 2 },
                                          "window" : { "days" : 90 },
                                          "where" : [ { "property" : "amount", "type" : "number", "op" : "gte", "value" : 500 } ] } },
                        { "and" : [ { "tag" : { "has" : "VIP" } },
                                    { "attribute" : { "name" : "plan", "type" : "string", "op" : "eq", "value" : "pro" } } ] }
                      ]
                    }"""));

    private DefinitionExamples() {
    }

    /** The example with that key, else the first. */
    static Example find(String key) {
        return ALL.stream().filter(e -> e.key().equals(key)).findFirst().orElse(ALL.get(0));
    }
}

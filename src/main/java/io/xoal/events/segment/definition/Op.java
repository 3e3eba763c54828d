package io.xoal.events.segment.definition;

/** Comparison operators of attribute conditions and property filters. */
public enum Op {
    EQ, NEQ, GT, GTE, LT, LTE, CONTAINS, IN, EXISTS, NOT_EXISTS,
    /** A date attribute lies more than a duration before now ("joined more than 7 days ago"). */
    MORE_THAN_AGO,
    /** A date attribute lies less than a duration before now. */
    LESS_THAN_AGO;

    public String json() {
        return name().toLowerCase();
    }

    /** Whether the operator takes no value. */
    public boolean unary() {
        return this == EXISTS || this == NOT_EXISTS;
    }
}

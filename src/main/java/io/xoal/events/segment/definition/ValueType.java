package io.xoal.events.segment.definition;

import java.util.EnumSet;
import java.util.Set;

/** The types a condition compares values as, with the operators each allows. */
public enum ValueType {
    STRING(EnumSet.of(Op.EQ, Op.NEQ, Op.CONTAINS, Op.IN, Op.EXISTS, Op.NOT_EXISTS)),
    NUMBER(EnumSet.of(Op.EQ, Op.NEQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.IN, Op.EXISTS, Op.NOT_EXISTS)),
    BOOLEAN(EnumSet.of(Op.EQ, Op.NEQ, Op.EXISTS, Op.NOT_EXISTS)),
    DATE(EnumSet.of(Op.GT, Op.GTE, Op.LT, Op.LTE, Op.MORE_THAN_AGO, Op.LESS_THAN_AGO, Op.EXISTS, Op.NOT_EXISTS));

    private final Set<Op> ops;

    ValueType(Set<Op> ops) {
        this.ops = ops;
    }

    public Set<Op> ops() {
        return ops;
    }

    public String json() {
        return name().toLowerCase();
    }
}

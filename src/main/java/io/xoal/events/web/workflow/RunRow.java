package io.xoal.events.web.workflow;

import io.xoal.events.web.TimeLabels;
import io.xoal.events.workflow.run.RunViews;

/** A run as the pages list it: times in UTC words, and the badge its state wears. */
public record RunRow(long id, String customer, String state, String badge, String step, int attempt, String entered, String finished,
                     String error) {

    static RunRow of(RunViews.RunView run) {
        return new RunRow(run.id(), run.customerId() == null ? "" : run.customerId(), run.state(), badge(run.state()), run.stepId(),
                run.attempt(), TimeLabels.utc(run.enteredAt()), TimeLabels.utc(run.finishedAt()), run.lastError() == null ? "" : run.lastError());
    }

    /** {@code bad} for a failed run, {@code good} for a completed one or one that reached its goal, else plain. */
    static String badge(String state) {
        return switch (state) {
            case "failed" -> "badge bad";
            case "completed", "exited" -> "badge good";
            default -> "badge";
        };
    }
}

package io.xoal.events.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.xoal.events.analytics.AnalyticsViews;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.Problem;
import io.xoal.events.event.EventView;
import io.xoal.events.profile.CustomerViews;
import io.xoal.events.segment.SegmentViews;
import io.xoal.events.workflow.WorkflowViews;
import io.xoal.events.workflow.run.RunViews;
import io.xoal.events.workspace.KeyViews;

/**
 * Registers for reflection, in a native image, the types Jackson serialises that Quarkus cannot
 * see: bodies built into a {@code Response} (the problem document of every error, created-201
 * bodies) and values given to an {@code ObjectMapper}. Types of resource method signatures
 * Quarkus registers itself. {@code ReflectionRegistrationTest} finds these types in the bytecode
 * and fails when one is missing here.
 */
@RegisterForReflection(
        targets = {
                Problem.class,
                FieldError.class,
                AnalyticsViews.Funnel.class,
                AnalyticsViews.FunnelStep.class,
                AnalyticsViews.Retention.class,
                AnalyticsViews.Cohort.class,
                CustomerViews.CustomerView.class,
                EventView.class,
                EventView.SubjectView.class,
                SegmentViews.SegmentView.class,
                SegmentViews.Refresh.class,
                SegmentViews.Evaluation.class,
                KeyViews.CreatedKey.class,
                KeyViews.CreatedWorkspace.class,
                WorkflowViews.WorkflowView.class,
                RunViews.RunView.class,
                RunViews.StepLogEntry.class},
        // SegmentService's TypeReference for a definition's map: Jackson reads its generic superclass.
        classNames = "io.xoal.events.segment.SegmentService$1")
public final class NativeReflection {

    private NativeReflection() {
    }
}

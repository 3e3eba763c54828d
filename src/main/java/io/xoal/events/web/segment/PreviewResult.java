package io.xoal.events.web.segment;

import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.SegmentViews;
import io.xoal.events.web.ChartJson;

import java.util.List;

/**
 * What the editor's live preview shows: the preview and its backtest chart, or the definition's
 * errors (each with its JSON pointer), or a problem without a field (e.g. the time limit ran out).
 */
public record PreviewResult(SegmentViews.Preview preview, List<FieldError> errors, String problem) {

    static PreviewResult of(SegmentViews.Preview preview) {
        return new PreviewResult(preview, List.of(), null);
    }

    static PreviewResult failed(ProblemException problem) {
        return new PreviewResult(null, problem.errors(), problem.errors().isEmpty() ? problem.getMessage() : null);
    }

    /** The backtest as {@code data-chart} JSON: the size at each day of the last 30. */
    public String chart() {
        List<SegmentViews.SizeAt> history = preview.history();
        return ChartJson.line("Size (backtest)", history.stream().map(SegmentViews.SizeAt::at).toList(),
                history.stream().map(SegmentViews.SizeAt::count).toList());
    }
}

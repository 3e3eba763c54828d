package io.xoal.events.workflow.engine;

import io.micrometer.core.instrument.Metrics;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.xoal.events.workflow.definition.WorkflowDefinition;

import java.util.Locale;

/**
 * The step-attempt counter {@code xoal.workflows.steps} by step type and step-log outcome, counted
 * once the row is committed: at once for a statement on the pool (it commits by itself), when the
 * transaction commits for one inside a transaction (a webhook's record). It is kept in Micrometer's
 * global registry, to which Quarkus adds its registries, because {@link RunAdvance}, which every
 * step calls, is static.
 */
final class StepThroughput {

    static final String NAME = "xoal.workflows.steps";

    private StepThroughput() {
    }

    static void logged(SqlClient client, WorkflowDefinition.StepType type, String outcome) {
        Runnable count = () -> Metrics.counter(NAME, "type", type.name().toLowerCase(Locale.ROOT), "outcome", outcome).increment();
        Transaction transaction = client instanceof SqlConnection conn ? conn.transaction() : null;
        if (transaction == null) {
            count.run();
        } else {
            transaction.completion().subscribe().with(committed -> count.run(), rolledBack -> { });
        }
    }
}

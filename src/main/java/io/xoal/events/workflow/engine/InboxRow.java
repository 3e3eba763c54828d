package io.xoal.events.workflow.engine;

import io.xoal.events.workflow.definition.WorkflowDefinition;

/** An inbox row taken for enrolment, with the definition of the version it would enrol in. */
record InboxRow(long id, long workspaceId, long workflowId, int version, long subjectId, String enrolKey, String payload,
                WorkflowDefinition definition) {

    String versionKey() {
        return workspaceId + "/" + workflowId + "/" + version;
    }
}

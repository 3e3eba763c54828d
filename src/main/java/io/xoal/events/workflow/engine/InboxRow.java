package io.xoal.events.workflow.engine;

import io.xoal.events.workflow.definition.WorkflowDefinition;

/** An inbox row taken for enrolment, with the definition of the version it would enrol in. */
record InboxRow(long id, long workspaceId, long workflowId, int version, long subjectId, String enrolKey, String payload,
                WorkflowDefinition definition) {

    RunAdmission.Candidate candidate() {
        return new RunAdmission.Candidate(workspaceId, workflowId, version, subjectId, enrolKey, definition.firstStep(), payload);
    }

    String versionKey() {
        return workspaceId + "/" + workflowId + "/" + version;
    }
}

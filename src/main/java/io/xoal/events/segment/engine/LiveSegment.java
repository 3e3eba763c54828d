package io.xoal.events.segment.engine;

import io.xoal.events.segment.definition.DefinitionFacts;
import io.xoal.events.segment.definition.Node;

/** An active segment as the engine evaluates it: its parsed definition and what that reads. */
public record LiveSegment(long id, long workspaceId, int version, Node definition, DefinitionFacts facts) {
}

package io.xoal.events.common;

/** Fired (synchronously, on the writer's thread) after a flush committed; observers must return at once. */
public record FlushCommitted(int messages) {
}

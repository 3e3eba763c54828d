package io.xoal.events.workspace;

/** Marks a resource whose every endpoint needs an admin key ({@code adm_…}) of the workspace. */
public interface AdminApi {
}

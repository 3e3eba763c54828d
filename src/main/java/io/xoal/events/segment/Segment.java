package io.xoal.events.segment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** A dynamic segment: its definition, what it reads, and the state of its last full recompute. */
@Entity
@Table(name = "segments")
public class Segment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(nullable = false)
    public String name;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    public Map<String, Object> definition;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_names", columnDefinition = "text[]", nullable = false)
    public String[] eventNames;

    @Column(name = "reads_profile", nullable = false)
    public boolean readsProfile;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "depends_on", columnDefinition = "bigint[]", nullable = false)
    public Long[] dependsOn;

    @Column(name = "time_relative", nullable = false)
    public boolean timeRelative;

    @Column(name = "refresh_state", nullable = false)
    public String refreshState;

    @Column(name = "refresh_version")
    public Integer refreshVersion;

    @Column(name = "refresh_percent", nullable = false)
    public int refreshPercent;

    @Column(name = "refresh_started_at")
    public Instant refreshStartedAt;

    @Column(name = "refresh_finished_at")
    public Instant refreshFinishedAt;

    @Column(name = "refresh_heartbeat")
    public Instant refreshHeartbeat;

    @Column(name = "refresh_error")
    public String refreshError;

    @Column(name = "swept_until")
    public Instant sweptUntil;

    /** ok, failing (failed lately, retried) or failed (skipped until changed); for {@link #evaluationVersion} only. */
    @Column(name = "evaluation_state", nullable = false)
    public String evaluationState = "ok";

    @Column(name = "evaluation_version")
    public Integer evaluationVersion;

    @Column(name = "evaluation_failures", nullable = false)
    public int evaluationFailures;

    @Column(name = "evaluation_error")
    public String evaluationError;

    @Column(name = "evaluation_failed_at")
    public Instant evaluationFailedAt;
}

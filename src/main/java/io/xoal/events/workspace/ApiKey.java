package io.xoal.events.workspace;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored key: only its hash and a displayable prefix are kept. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String prefix;

    @Column(nullable = false)
    public byte[] hash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    static ApiKey of(long workspaceId, String name, String key, Instant now) {
        ApiKey entity = new ApiKey();
        entity.workspaceId = workspaceId;
        entity.kind = ApiKeys.kind(key).column();
        entity.name = name;
        entity.prefix = ApiKeys.prefix(key);
        entity.hash = ApiKeys.hash(key);
        entity.createdAt = now;
        return entity;
    }
}

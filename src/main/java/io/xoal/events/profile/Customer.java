package io.xoal.events.profile;

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
import java.util.HashMap;
import java.util.Map;

/** A customer profile with Xoal's built-in attributes, custom attributes and tags. */
@Entity
@Table(name = "customers")
public class Customer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long usid;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(name = "external_id")
    public String externalId;

    public String email;

    @Column(name = "contact_type", nullable = false)
    public String contactType = "user";

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String phone;

    public String language;

    public String timezone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "joined_date")
    public Instant joinedDate;

    @Column(name = "last_active")
    public Instant lastActive;

    @Column(name = "added_via", nullable = false)
    public String addedVia;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    public Map<String, Object> attributes = new HashMap<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] tags = new String[0];
}

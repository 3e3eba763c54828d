package io.xoal.events.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A custom object (a course, an account, a device…): an event subject of a workspace-defined type. */
@Entity
@Table(name = "custom_objects")
public class CustomObject extends ProfileEntity {

    @Column(name = "object_type", nullable = false)
    public String objectType;
}

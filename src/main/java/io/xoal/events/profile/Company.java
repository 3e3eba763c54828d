package io.xoal.events.profile;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A company: an event subject that customers can be related to. */
@Entity
@Table(name = "companies")
public class Company extends ProfileEntity {

    public String name;
}

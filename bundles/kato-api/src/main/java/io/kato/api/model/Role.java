package io.kato.api.model;

/** A member's role in a team. Viewers read; developers also change apps and components; admins also manage the team. */
public enum Role {
    VIEWER, DEVELOPER, ADMIN;

    public boolean canWrite() {
        return this != VIEWER;
    }

    public boolean canManage() {
        return this == ADMIN;
    }

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}

package io.kato.api.model;

/** A user's role in a team. */
public record Membership(String teamId, String teamName, String userId, String userName, Role role) {
}

package io.vigie.console.store;

import java.time.Instant;
import java.util.UUID;

/** A console user (never carries the password hash out of the store). */
public record UserAccount(UUID id, UUID providerId, UUID organisationId, String email, Role role, Instant createdAt) {

    public Scope scope() {
        return new Scope(id, role, providerId, organisationId);
    }
}

package io.vigie.console.store;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is asking, as far as the store is concerned. Every scoped store method adds the tenant predicate from
 * this (provider, and for a customer viewer the one organisation), so a handler cannot forget it.
 *
 * @param userId         the user
 * @param role           the user's role
 * @param providerId     the user's provider (tenant)
 * @param organisationId the customer organisation of a {@link Role#CUSTOMER_VIEWER}; null for provider staff
 */
public record Scope(UUID userId, Role role, UUID providerId, UUID organisationId) {

    public Scope {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(providerId, "providerId");
        if ((role == Role.CUSTOMER_VIEWER) != (organisationId != null)) {
            throw new IllegalArgumentException("a customer viewer, and only a customer viewer, is bound to one organisation");
        }
    }
}

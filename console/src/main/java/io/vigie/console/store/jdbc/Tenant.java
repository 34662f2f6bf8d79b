package io.vigie.console.store.jdbc;

import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;

/**
 * The tenant predicate, written once: on {@code organisations o}, the caller's provider, and for a customer viewer
 * their one organisation. Every scoped query of every store joins {@code organisations o} and adds it.
 *
 * @param sql    the predicate, to follow {@code WHERE … AND}
 * @param params its parameters, in order
 */
record Tenant(String sql, Object[] params) {

    static Tenant where(Scope scope) {
        if (scope.role() == Role.CUSTOMER_VIEWER) {
            return new Tenant("o.provider_id = ? AND o.id = ?", new Object[] {scope.providerId(), scope.organisationId()});
        }
        return new Tenant("o.provider_id = ?", new Object[] {scope.providerId()});
    }

    /** {@code leading} parameters (those of the query before the predicate), then the predicate's. */
    Object[] after(Object... leading) {
        return Jdbc.args(leading, params);
    }
}

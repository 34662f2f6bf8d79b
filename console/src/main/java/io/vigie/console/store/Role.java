package io.vigie.console.store;

/** What a console user may see and do. */
public enum Role {
    /** Runs a provider (an MSP or an independent expert): every organisation of the provider, user management. */
    PROVIDER_ADMIN,
    /** Works for a provider: every organisation of that provider. */
    EXPERT,
    /** Works at a customer organisation: reads that organisation only. */
    CUSTOMER_VIEWER;

    /** May create organisations, enrollment codes, revoke devices. */
    public boolean canManage() {
        return this != CUSTOMER_VIEWER;
    }
}

package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Writes one row of the security audit log ({@code security_audit}) inside the caller's transaction. */
final class SecurityAudit {

    private SecurityAudit() {
    }

    /**
     * @param providerId the tenant that may read the row (null: the console's own operators only)
     * @param actorId    the user who acted (null: the console itself, e.g. an automatic lockout)
     * @param action     e.g. {@code reenrollment_allowed}, {@code device_reenrolled}
     * @param subject    what the action was about (a device id, an account's e-mail)
     */
    static void record(Connection c, Instant now, UUID providerId, UUID actorId, String action, String subject)
            throws SQLException {
        update(c, "INSERT INTO security_audit (id, at, provider_id, actor_id, action, subject) VALUES (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), now, providerId, actorId, action, subject);
    }
}

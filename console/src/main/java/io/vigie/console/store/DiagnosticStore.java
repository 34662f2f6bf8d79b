package io.vigie.console.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Diagnostics of an organisation (the referential questionnaire), the owner's self-assessment link and answers,
 * and the audit of every answer write.
 *
 * <p>Same rules as {@link Store}: scoped methods add the tenant predicate and answer "not found" outside the
 * caller's tenant; a customer viewer may read but not create. The owner's link is the only unscoped entry: its
 * secret is kept as SHA-256, and an unknown or expired link is simply absent. Calls block.
 */
public interface DiagnosticStore {

    /** Default lifetime of an owner's link, in days (a per-provider setting). */
    int DEFAULT_OWNER_LINK_DAYS = 14;

    /** Who wrote an answer through the link, in the audit. */
    String OWNER_LINK = "owner-link";

    record Diagnostic(UUID id, UUID organisationId, UUID createdBy, Instant createdAt, String referentialId,
                      String referentialVersion, int workstations, int servers) {
    }

    /** What an owner's link opens. */
    record OwnerAccess(UUID diagnosticId, UUID organisationId, String organisationName, String referentialId,
                       String referentialVersion, Instant expiresAt) {
    }

    /** One audit row: {@code whoKind} is {@code user} (with its email) or {@value #OWNER_LINK}. */
    record AuditEntry(Instant at, String whoKind, String whoEmail, String what, String before, String after) {
    }

    Diagnostic createDiagnostic(Scope scope, UUID organisationId, String referentialId, String referentialVersion,
                                int workstations, int servers, Instant now);

    List<Diagnostic> diagnostics(Scope scope, UUID organisationId);

    Optional<Diagnostic> diagnostic(Scope scope, UUID diagnosticId);

    /** A new owner's link for the diagnostic (staff only), valid {@link #ownerLinkDays} days. */
    IssuedSecret createOwnerLink(Scope scope, UUID diagnosticId, Instant now);

    /** The newest link's expiry, if a link was ever created. */
    Optional<Instant> ownerLinkExpiry(Scope scope, UUID diagnosticId);

    /** The owner's answers (question or context id → answer id), read by staff or a viewer of the organisation. */
    Map<String, String> ownerAnswers(Scope scope, UUID diagnosticId);

    /** Newest first. */
    List<AuditEntry> audit(Scope scope, UUID diagnosticId);

    /** What a link opens while it is unexpired. */
    Optional<OwnerAccess> ownerAccess(String token, Instant now);

    /** The answers through a live link. */
    Map<String, String> ownerAnswers(String token, Instant now);

    /**
     * Saves answers through a live link (not found otherwise): each changed answer replaces the previous one and
     * appends an audit row; unchanged answers write nothing.
     */
    void saveOwnerAnswers(String token, Map<String, String> answers, Instant now);

    int ownerLinkDays(Scope scope);

    /** Provider admin only; 1 to 90 days. */
    void setOwnerLinkDays(Scope scope, int days);
}

package io.vigie.console.store;

import io.vigie.checks.plan.Status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** {@code signedAt} / {@code signedBy}: the expert's closing signature, null while the review is open. */
    record Diagnostic(UUID id, UUID organisationId, UUID createdBy, Instant createdAt, String referentialId,
                      String referentialVersion, int workstations, int servers, Instant signedAt, UUID signedBy) {

        public boolean signed() {
            return signedAt != null;
        }
    }

    /** What an owner's link opens. */
    record OwnerAccess(UUID diagnosticId, UUID organisationId, String organisationName, String referentialId,
                       String referentialVersion, Instant expiresAt, Instant signedAt) {

        /** The diagnostic is signed: the link still opens, but only to say so; no answer is written any more. */
        public boolean signed() {
            return signedAt != null;
        }
    }

    /**
     * One audit row: {@code whoKind} is {@code user} (with its email) or {@value #OWNER_LINK}; {@code kind} one of
     * {@code answer} (the owner's), {@code observation}, {@code signoff}, {@code finding}, {@code link},
     * {@code signature}, {@code plan}, {@code swap}; {@code what} the question, rule or measure concerned;
     * {@code detail} free text (a reason, a device name), may be null.
     */
    record AuditEntry(Instant at, String whoKind, String whoEmail, String kind, String what, String before,
                      String after, String detail) {
    }

    /** The expert's decision on an automated finding, for one diagnostic. */
    enum Decision {
        /** The finding stands. */
        CONFIRMED,
        /** A false positive: left out of the measured answers; needs a reason. */
        DISMISSED,
        /** Does not apply to this device (e.g. a kiosk PC): left out of the measured answers. */
        NOT_APPLICABLE
    }

    record FindingReview(UUID deviceId, String ruleId, Decision decision, String reason, String reviewerEmail,
                         Instant at) {
    }

    /**
     * The expert's word on a question: the observation E (an answer id or null) and the sign-off of the final answer
     * ({@code signedOff}; {@code signOffAnswer} null accepts the proposal; {@code signOffReason} for an override).
     */
    record ExpertAnswer(String questionId, String observed, boolean signedOff, String signOffAnswer,
                        String signOffReason, Instant at) {
    }

    /** Tracking of one measure of the plan; null fields are not set (the plan's defaults apply). */
    record Tracking(String questionId, String ownerName, LocalDate due, Status status, Instant at) {
    }

    /** The statuses a person may declare; {@link Status#VERIFIE} comes only from the reports' proofs. */
    Set<Status> DECLARABLE = Set.of(Status.A_FAIRE, Status.EN_COURS, Status.FAIT);

    /** A swap of one of the six priority measures, in order. */
    record PlanSwap(int seq, String out, String in, String whoEmail, Instant at, String reason) {
    }

    /** Longest free text kept (a reason, a detail). */
    int MAX_TEXT = 2000;

    /** Longest name kept (a measure's owner). */
    int MAX_NAME = 200;

    /** At most this many swaps per diagnostic (the plan's rule). */
    int MAX_SWAPS = 2;

    Diagnostic createDiagnostic(Scope scope, UUID organisationId, String referentialId, String referentialVersion,
                                int workstations, int servers, Instant now);

    List<Diagnostic> diagnostics(Scope scope, UUID organisationId);

    Optional<Diagnostic> diagnostic(Scope scope, UUID diagnosticId);

    /** A new owner's link for the diagnostic (staff only), valid {@link #ownerLinkDays} days. */
    IssuedSecret createOwnerLink(Scope scope, UUID diagnosticId, Instant now);

    /** The newest link's expiry, if a link was ever created. */
    Optional<Instant> ownerLinkExpiry(Scope scope, UUID diagnosticId);

    /**
     * A token that changes whenever something a signed diagnostic's evaluation reads changes: the diagnostic's audit
     * (every answer, observation, sign-off, decision, plan edit and swap is audited), its organisation's reports and
     * their re-judging, and its devices (enrolled, revoked). Empty outside the caller's tenant.
     */
    Optional<String> evaluationVersion(Scope scope, UUID diagnosticId);

    /** Ends every live owner's link of the diagnostic at once (staff only); audited. Returns how many were live. */
    int revokeOwnerLinks(Scope scope, UUID diagnosticId, Instant now);

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
     * appends an audit row; unchanged answers write nothing. CONFLICT ({@code diagnostic_signed}) once the diagnostic
     * is signed: a signed diagnostic no longer moves; a new diagnostic is the way to change it.
     */
    void saveOwnerAnswers(String token, Map<String, String> answers, Instant now);

    int ownerLinkDays(Scope scope);

    // ---- expert review (staff only for writes; refused once the diagnostic is signed) ----

    /** By question id. */
    Map<String, ExpertAnswer> expertAnswers(Scope scope, UUID diagnosticId);

    /** Sets (or, with null, clears) the expert's observation of a question; audited. */
    void setObservation(Scope scope, UUID diagnosticId, String questionId, String answerId, Instant now);

    /**
     * Signs a question's final answer off: {@code answerId} null accepts the proposal, otherwise it is the chosen
     * answer; {@code reason} is kept (the caller requires it for an override). Audited.
     */
    void signOff(Scope scope, UUID diagnosticId, String questionId, String answerId, String reason, Instant now);

    /** Takes a sign-off back (the question is open again); audited. */
    void withdrawSignOff(Scope scope, UUID diagnosticId, String questionId, Instant now);

    List<FindingReview> findingReviews(Scope scope, UUID diagnosticId);

    /**
     * Records the decision on a device's finding; the device must belong to the diagnostic's organisation;
     * {@link Decision#DISMISSED} needs a non-blank reason. Audited with the device's name in the detail.
     */
    void reviewFinding(Scope scope, UUID diagnosticId, UUID deviceId, String ruleId, Decision decision, String reason,
                       Instant now);

    /** The expert's closing signature: no review writes afterwards; audited. CONFLICT when already signed. */
    void sign(Scope scope, UUID diagnosticId, Instant now);

    // ---- the plan's tracking (staff, and the organisation's own viewers: the owner follows the plan) ----

    Map<String, Tracking> planTracking(Scope scope, UUID diagnosticId);

    /** Sets a measure's owner, due date and status (null fields cleared); audited field by field. */
    void track(Scope scope, UUID diagnosticId, String questionId, String ownerName, LocalDate due, Status status,
               Instant now);

    List<PlanSwap> swaps(Scope scope, UUID diagnosticId);

    /**
     * Logs a swap (the caller checks it against the plan); CONFLICT beyond {@link #MAX_SWAPS}, and CONFLICT
     * ({@code diagnostic_signed}) once the diagnostic is signed: its six measures are fixed at signature (tracking
     * goes on). Audited.
     */
    void addSwap(Scope scope, UUID diagnosticId, String out, String in, String reason, Instant now);

    /** Provider admin only; 1 to 90 days. */
    void setOwnerLinkDays(Scope scope, int days);

    /**
     * The expert named on the report: the email of who signed the diagnostic, else of who created it (empty when
     * that account is gone); read by staff or a viewer of the organisation.
     */
    Optional<String> expertEmail(Scope scope, UUID diagnosticId);
}

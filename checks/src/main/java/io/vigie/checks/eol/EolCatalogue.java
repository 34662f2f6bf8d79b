package io.vigie.checks.eol;

import io.vigie.checks.fact.OsIdentity;

import java.time.LocalDate;
import java.util.Optional;

/**
 * End-of-life dates shipped as data ({@code io/vigie/checks/eol/eol.json}), matched against an OS identity
 * and judged at a given date. Never literals in rules.
 */
public final class EolCatalogue {

    private EolCatalogue() {
    }

    /** Loads the catalogue shipped with this version. */
    public static EolCatalogue load() {
        return new EolCatalogue();
    }

    /** The lifecycle entry for this OS, if the catalogue knows it. */
    public Optional<EolEntry> find(OsIdentity os) {
        return Optional.empty();
    }

    /** Support level of this OS on {@code today}; empty when the OS is not in the catalogue. */
    public Optional<EolAssessment> assess(OsIdentity os, LocalDate today) {
        return Optional.empty();
    }
}

package io.vigie.checks.scoring;

/**
 * A gap of at least the conflict threshold between the owner's declaration and the evidence.
 * OPTIMISTE: the owner over-declared (shown in the report as a perception gap); PESSIMISTE: the owner
 * under-declared (resolved in favour of the evidence).
 */
public enum Conflict {
    OPTIMISTE, PESSIMISTE
}

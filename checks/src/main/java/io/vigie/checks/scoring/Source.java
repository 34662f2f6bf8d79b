package io.vigie.checks.scoring;

/** Where an answer comes from: measured by the agent (M), observed by the expert (E), declared by the owner (D). */
public enum Source {
    MEASURED, OBSERVED, DECLARED
}

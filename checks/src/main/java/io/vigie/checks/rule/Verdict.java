package io.vigie.checks.rule;

/** A rule's answer about one snapshot. */
public enum Verdict {
    PASS, FAIL, UNKNOWN, NOT_APPLICABLE
}

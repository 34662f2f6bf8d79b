package io.vigie.checks.report;

import io.vigie.checks.report.Verdict;

/** A rule's answer about one snapshot. */
public enum Verdict {
    PASS, FAIL, UNKNOWN, NOT_APPLICABLE
}

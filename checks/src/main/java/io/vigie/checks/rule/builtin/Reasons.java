package io.vigie.checks.rule.builtin;

/** Reason codes shared by several rules. */
final class Reasons {
    /** The question does not arise on this operating system (e.g. a Windows built-in account on Linux). */
    static final String NOT_APPLICABLE_ON_PLATFORM = "not_applicable_on_platform";

    private Reasons() {
    }
}

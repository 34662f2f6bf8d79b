package io.vigie.checks.fact;

import java.util.Objects;

/**
 * Why a fact has the status it has: a stable machine-readable {@code code} (translated for people by
 * {@code io.vigie.checks.text.Texts}) and a free technical {@code detail} (command, exit code, path…).
 */
public record Reason(String code, String detail) {

    // Codes shared by every collector. Keep them stable: the console translates them.
    public static final String NEEDS_ADMIN = "needs_admin";
    public static final String TOOL_ABSENT = "tool_absent";
    public static final String COMMAND_TIMEOUT = "command_timeout";
    public static final String COMMAND_FAILED = "command_failed";
    public static final String UNPARSABLE_OUTPUT = "unparsable_output";
    public static final String EMPTY_OUTPUT = "empty_output";
    public static final String NOT_INSTALLED = "not_installed";
    public static final String NOT_SUPPORTED = "not_supported_on_platform";
    public static final String POLICY_BLOCKED = "policy_blocked";
    public static final String COLLECTOR_ERROR = "collector_error";
    public static final String COLLECTOR_TIMEOUT = "collector_timeout";
    public static final String NOT_COLLECTED = "not_collected";
    public static final String COLLECTED = "collected";

    public Reason {
        Objects.requireNonNull(code, "code");
    }

    public static Reason of(String code) {
        return new Reason(code, null);
    }

    public static Reason of(String code, String detail) {
        return new Reason(code, detail);
    }
}

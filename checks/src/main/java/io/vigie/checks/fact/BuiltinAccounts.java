package io.vigie.checks.fact;

import java.util.List;

/**
 * Built-in and special accounts.
 *
 * @param guestEnabled         Windows Guest (RID 501) / macOS guest login enabled
 * @param builtinAdminEnabled  Windows built-in Administrator (RID 500) enabled
 * @param extraUid0            Unix accounts other than root with uid 0
 * @param autoLoginUser        account that logs in automatically at start-up; null when none or unknown
 * @param autoLoginEnabled     whether automatic login is configured: true / false when the setting was read,
 *                             null when it could not be read (added so "none" and "unknown" can be told apart)
 */
public record BuiltinAccounts(
        Boolean guestEnabled,
        Boolean builtinAdminEnabled,
        List<String> extraUid0,
        String autoLoginUser,
        Boolean autoLoginEnabled) {

    /** Compatibility constructor: the automatic-login state is then known only when a user is named. */
    public BuiltinAccounts(Boolean guestEnabled, Boolean builtinAdminEnabled, List<String> extraUid0, String autoLoginUser) {
        this(guestEnabled, builtinAdminEnabled, extraUid0, autoLoginUser, autoLoginUser == null ? null : Boolean.TRUE);
    }
}

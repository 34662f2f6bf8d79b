package io.vigie.checks.fact;

import java.util.List;

/**
 * Built-in and special accounts.
 *
 * @param guestEnabled         Windows Guest (RID 501) / macOS guest login enabled
 * @param builtinAdminEnabled  Windows built-in Administrator (RID 500) enabled
 * @param extraUid0            Unix accounts other than root with uid 0
 * @param autoLoginUser        account that logs in automatically at start-up; null when none or unknown
 */
public record BuiltinAccounts(
        Boolean guestEnabled,
        Boolean builtinAdminEnabled,
        List<String> extraUid0,
        String autoLoginUser) {
}

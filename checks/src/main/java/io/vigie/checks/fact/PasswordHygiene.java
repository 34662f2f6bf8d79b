package io.vigie.checks.fact;

import java.util.List;

/**
 * Accounts that can log in without a password.
 *
 * @param emptyPasswordAccounts accounts whose password is empty (Unix /etc/shadow, root only)
 * @param passwordNotRequired   Windows accounts flagged "password not required" (an empty password is then possible)
 * @param blankPasswordLimited  Windows LimitBlankPasswordUse=1: blank passwords refused over the network
 */
public record PasswordHygiene(
        List<String> emptyPasswordAccounts,
        List<String> passwordNotRequired,
        Boolean blankPasswordLimited) {
}

package io.vigie.checks.fact;

import java.util.List;

/**
 * Who can administer this machine.
 *
 * @param admins                  accounts with administrator rights (members of S-1-5-32-544, sudo/wheel/admin,
 *                                sudoers entries granting ALL)
 * @param interactiveUser         the person logged in now (or the last one); null when nobody
 * @param interactiveUserIsAdmin  whether that person is an administrator; null when it cannot be told (e.g. rights
 *                                through a domain group)
 * @param passwordlessSudo        sudoers entries with NOPASSWD (Unix); null when sudoers could not be read
 * @param sudoInstalled           whether a sudo program is installed (Linux); false: no sudo, so no sudo rule
 *                                applies; null when not looked at (Windows, macOS where sudo is part of the OS)
 */
public record AdminAccounts(
        List<Account> admins,
        String interactiveUser,
        Boolean interactiveUserIsAdmin,
        List<String> passwordlessSudo,
        Boolean sudoInstalled) {

    /** Without the sudo program's presence (Windows, macOS: not looked at). */
    public AdminAccounts(List<Account> admins, String interactiveUser, Boolean interactiveUserIsAdmin,
                         List<String> passwordlessSudo) {
        this(admins, interactiveUser, interactiveUserIsAdmin, passwordlessSudo, null);
    }
}

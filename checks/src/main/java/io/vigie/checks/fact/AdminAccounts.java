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
 * @param recentUsers             the people who used the machine lately, most recent first (Windows profiles' last
 *                                use, {@code last}/wtmp on Linux and macOS), so a scheduled run with nobody logged on
 *                                can still judge the daily user; null when not read
 * @param recentUsersAdmin        names among {@code recentUsers} that are administrators; null when it cannot be told
 *                                for every one of them
 * @param recentUsersSource       where {@code recentUsers} comes from, said in the evidence
 * @param sudoInstalled           whether a sudo program is installed (Linux); false: no sudo, so no sudo rule
 *                                applies; null when not looked at (Windows, macOS where sudo is part of the OS)
 */
public record AdminAccounts(
        List<Account> admins,
        String interactiveUser,
        Boolean interactiveUserIsAdmin,
        List<String> passwordlessSudo,
        List<String> recentUsers,
        List<String> recentUsersAdmin,
        String recentUsersSource,
        Boolean sudoInstalled) {

    public AdminAccounts(List<Account> admins, String interactiveUser, Boolean interactiveUserIsAdmin,
                         List<String> passwordlessSudo) {
        this(admins, interactiveUser, interactiveUserIsAdmin, passwordlessSudo, null, null, null, null);
    }

    /** The same accounts with the recent interactive users added. */
    public AdminAccounts withRecentUsers(List<String> users, List<String> usersAdmin, String source) {
        return new AdminAccounts(admins, interactiveUser, interactiveUserIsAdmin, passwordlessSudo, users, usersAdmin,
                source, sudoInstalled);
    }

    /** The same accounts, saying whether a sudo program is installed (Linux). */
    public AdminAccounts withSudoInstalled(Boolean installed) {
        return new AdminAccounts(admins, interactiveUser, interactiveUserIsAdmin, passwordlessSudo, recentUsers,
                recentUsersAdmin, recentUsersSource, installed);
    }
}

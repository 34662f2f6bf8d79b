package io.vigie.checks.fact;

/**
 * A local account, or a group whose members cannot be listed from here.
 *
 * @param name    account name as shown (DOMAIN\\name on Windows)
 * @param id      SID on Windows, uid on Unix
 * @param via     how it gets its rights: {@code group:sudo}, {@code sudoers}, {@code S-1-5-32-544}, {@code uid0}…
 * @param enabled whether it can log in; null when unknown
 * @param group   {@code true} for a group member (a domain, Azure AD or nested group) whose own members are not
 *                listed: it stands for at least one principal; null or {@code false} for an account
 */
public record Account(String name, String id, String via, Boolean enabled, Boolean group) {

    /** An account (not a group). */
    public Account(String name, String id, String via, Boolean enabled) {
        this(name, id, via, enabled, null);
    }
}

package io.vigie.checks.fact;

/**
 * A local account.
 *
 * @param name    account name as shown (DOMAIN\\name on Windows)
 * @param id      SID on Windows, uid on Unix
 * @param via     how it gets its rights: {@code group:sudo}, {@code sudoers}, {@code S-1-5-32-544}, {@code uid0}…
 * @param enabled whether it can log in; null when unknown
 */
public record Account(String name, String id, String via, Boolean enabled) {
}

package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PasswordHygiene;
import io.vigie.checks.fact.Reason;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code accounts.passwords}: accounts whose password field in {@code /etc/shadow} is empty (anyone can log in
 * as them). Root only: without root the fact is UNKNOWN ({@code needs_admin}). A field starting with {@code !}
 * or {@code *} is a locked password, not an empty one. The Windows-only fields stay null.
 */
final class ShadowCollector implements Collector {

    static final String SHADOW = "/etc/shadow";

    @Override
    public String name() {
        return "shadow";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.ACCOUNTS_PASSWORDS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        if (!ctx.admin()) {
            return List.of(Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, SHADOW, ctx.now(),
                    Reason.of(Reason.NEEDS_ADMIN, SHADOW + " is readable by root only")));
        }
        FileContent f = ctx.files().read(SHADOW);
        if (f.state() == FileContent.State.DENIED) {
            return List.of(Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, SHADOW, ctx.now(),
                    Reason.of(Reason.NEEDS_ADMIN, SHADOW + ": " + (f.detail() == null ? "denied" : f.detail()))));
        }
        if (!f.ok()) {
            return List.of(Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, SHADOW, ctx.now(),
                    Reason.of(Reason.COMMAND_FAILED, SHADOW + ": " + f.state())));
        }
        List<String> empty = parseEmptyPasswords(f.text());
        if (empty == null) {
            return List.of(Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, SHADOW, ctx.now(),
                    Reason.of(f.text().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, "no shadow entry")));
        }
        return List.of(Fact.ok(FactKeys.ACCOUNTS_PASSWORDS, SHADOW, ctx.now(), new PasswordHygiene(empty, null, null)));
    }

    /** Pure: names whose second field is empty; null when no line has the shadow shape (9 fields). */
    static List<String> parseEmptyPasswords(String text) {
        List<Entry> entries = parseShadow(text);
        if (entries.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.password().isEmpty()) {
                out.add(e.name());
            }
        }
        return out;
    }

    /**
     * One {@code /etc/shadow} line, reduced to what login depends on (shadow(5)): the password field is kept only
     * to derive its state and never leaves the agent.
     *
     * @param name     login name
     * @param password field 2: empty (no password), {@code !}/{@code *}/{@code !!}/{@code !hash} (locked: no
     *                 password login), else a hash — or a recording's mask such as {@code $y$VIGIE-MASKED}
     *                 ({@code vigie record} keeps lock marks and replaces only the hash), still "a password"
     * @param expire   field 8, account expiration in days since 1970-01-01; null when empty or not a number
     */
    record Entry(String name, String password, Long expire) {

        /** No password at all: anyone may log in without one. */
        boolean passwordEmpty() {
            return password.isEmpty();
        }

        /** A password that can be typed: neither empty nor locked. */
        boolean passwordUsable() {
            return !password.isEmpty() && password.charAt(0) != '!' && password.charAt(0) != '*';
        }

        /**
         * The account has expired on {@code epochDay} (UTC): shadow(5) and pam_unix refuse it from its expiration
         * day on. 0 is left undecided: shadow(5) says it reads either as "never" or as 1970-01-01.
         */
        boolean expiredOn(long epochDay) {
            return expire != null && expire > 0 && epochDay >= expire;
        }
    }

    /** Pure: the lines with the shadow shape (9 fields, a name). */
    static List<Entry> parseShadow(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 9 || f[0].isBlank()) {
                continue;
            }
            Long expire = f[7].strip().matches("\\d{1,9}") ? Long.valueOf(f[7].strip()) : null;
            out.add(new Entry(f[0], f[1], expire));
        }
        return out;
    }

    /**
     * Pure: whether an account can log in on {@code epochDay}: {@code false} with a no-login shell or once
     * expired; {@code true} with a login shell and a usable or empty password; null when its password is locked
     * (SSH keys may still log it in) or it has no shadow line (unknown, never "disabled").
     */
    static Boolean loginEnabled(String shell, Entry entry, long epochDay) {
        if (SudoersCollector.NO_LOGIN_SHELLS.contains(shell)) {
            return Boolean.FALSE;
        }
        if (entry == null) {
            return null;
        }
        if (entry.expiredOn(epochDay)) {
            return Boolean.FALSE;
        }
        return entry.passwordUsable() || entry.passwordEmpty() ? Boolean.TRUE : null;
    }
}

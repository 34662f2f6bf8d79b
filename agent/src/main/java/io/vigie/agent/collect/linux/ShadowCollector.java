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
        List<String> out = new ArrayList<>();
        int entries = 0;
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 9 || f[0].isBlank()) {
                continue;
            }
            entries++;
            if (f[1].isEmpty()) {
                out.add(f[0]);
            }
        }
        return entries == 0 ? null : out;
    }
}

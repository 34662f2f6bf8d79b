package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.FactKeys;

import java.util.Set;

/** The guest account (Windows RID 501, macOS guest login) is disabled. */
public final class GuestEnabledRule extends SettingRule<BuiltinAccounts> {
    public GuestEnabledRule() {
        super("VIG-ACC-003", FactKeys.ACCOUNTS_BUILTIN, Set.of(Platforms.WINDOWS, Platforms.MACOS),
                BuiltinAccounts::guestEnabled, true, "guestEnabled",
                "guest_enabled", "guest_disabled", "guest_state_unknown");
    }
}

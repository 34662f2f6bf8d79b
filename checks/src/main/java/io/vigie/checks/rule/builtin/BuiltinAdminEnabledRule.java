package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.FactKeys;

import java.util.Set;

/** The Windows built-in Administrator account (RID 500) is disabled. */
public final class BuiltinAdminEnabledRule extends SettingRule<BuiltinAccounts> {
    public BuiltinAdminEnabledRule() {
        super("VIG-ACC-004", FactKeys.ACCOUNTS_BUILTIN, Set.of(Platforms.WINDOWS),
                BuiltinAccounts::builtinAdminEnabled, true, "builtinAdminEnabled",
                "builtin_admin_enabled", "builtin_admin_disabled", "builtin_admin_state_unknown");
    }
}

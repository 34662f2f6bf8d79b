package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PlatformProtection;

import java.util.Set;

/** macOS Gatekeeper (only signed, notarised apps start) is on. */
public final class GatekeeperRule extends SettingRule<PlatformProtection> {
    public GatekeeperRule() {
        super("VIG-OS-002", FactKeys.OS_PROTECTION, Set.of(Platforms.MACOS),
                PlatformProtection::gatekeeper, false, "gatekeeper",
                "gatekeeper_off", "gatekeeper_on", "gatekeeper_state_unknown");
    }
}

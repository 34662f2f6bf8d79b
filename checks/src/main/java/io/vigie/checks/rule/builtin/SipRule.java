package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PlatformProtection;

import java.util.Set;

/** macOS System Integrity Protection is on. */
public final class SipRule extends SettingRule<PlatformProtection> {
    public SipRule() {
        super("VIG-OS-003", FactKeys.OS_PROTECTION, Set.of(Platforms.MACOS),
                PlatformProtection::sip, false, "sip",
                "sip_off", "sip_on", "sip_state_unknown");
    }
}

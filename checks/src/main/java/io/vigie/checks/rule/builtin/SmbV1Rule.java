package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.SmbV1;

import java.util.Set;

/** The file-sharing server refuses the obsolete SMBv1 protocol. */
public final class SmbV1Rule extends SettingRule<SmbV1> {
    public SmbV1Rule() {
        super("VIG-NET-004", FactKeys.SMB_V1, Set.of(),
                SmbV1::serverEnabled, true, "smb1Server",
                "smb1_server_on", "smb1_server_off", "smb1_state_unknown");
    }

    @Override
    void extra(SmbV1 value, Evidence ev) {
        ev.put("smb1Client", value.clientEnabled()).put("setting", value.detail());
    }
}

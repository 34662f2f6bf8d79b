package io.vigie.checks.rule;

import io.vigie.checks.rule.builtin.AntivirusRule;
import io.vigie.checks.rule.builtin.AntivirusSignaturesRule;
import io.vigie.checks.rule.builtin.AutoLoginRule;
import io.vigie.checks.rule.builtin.AutoUpdateRule;
import io.vigie.checks.rule.builtin.BackupAgeRule;
import io.vigie.checks.rule.builtin.BuiltinAdminEnabledRule;
import io.vigie.checks.rule.builtin.DailyUserAdminRule;
import io.vigie.checks.rule.builtin.EmptyPasswordRule;
import io.vigie.checks.rule.builtin.EndOfLifeRule;
import io.vigie.checks.rule.builtin.ExtraUid0Rule;
import io.vigie.checks.rule.builtin.FirewallOffRule;
import io.vigie.checks.rule.builtin.GatekeeperRule;
import io.vigie.checks.rule.builtin.GuestEnabledRule;
import io.vigie.checks.rule.builtin.InboundDefaultRule;
import io.vigie.checks.rule.builtin.LastUpdateAgeRule;
import io.vigie.checks.rule.builtin.NetworkServiceRule;
import io.vigie.checks.rule.builtin.NoBackupRule;
import io.vigie.checks.rule.builtin.PasswordlessSudoRule;
import io.vigie.checks.rule.builtin.RdpNlaRule;
import io.vigie.checks.rule.builtin.RebootPendingRule;
import io.vigie.checks.rule.builtin.RemoteControlToolRule;
import io.vigie.checks.rule.builtin.SecurityUpdatesPendingRule;
import io.vigie.checks.rule.builtin.SipRule;
import io.vigie.checks.rule.builtin.SmbV1Rule;
import io.vigie.checks.rule.builtin.SnmpDefaultCommunityRule;
import io.vigie.checks.rule.builtin.SshPasswordAuthRule;
import io.vigie.checks.rule.builtin.SshRootLoginRule;
import io.vigie.checks.rule.builtin.TooManyAdminsRule;
import io.vigie.checks.rule.builtin.UpdateListStaleRule;
import io.vigie.checks.rule.builtin.VolumeEncryptionRule;
import io.vigie.checks.rule.builtin.WinRmUnencryptedRule;

import java.util.List;

/** The rule implementations shipped with this build, one per catalogue entry. */
public final class BuiltinRules {

    private BuiltinRules() {
    }

    public static List<Rule> all() {
        return List.of(
                new EndOfLifeRule(),
                new GatekeeperRule(),
                new SipRule(),
                new SecurityUpdatesPendingRule(),
                new LastUpdateAgeRule(),
                new AutoUpdateRule(),
                new UpdateListStaleRule(),
                new RebootPendingRule(),
                new DailyUserAdminRule(),
                new TooManyAdminsRule(),
                new GuestEnabledRule(),
                new BuiltinAdminEnabledRule(),
                new ExtraUid0Rule(),
                new EmptyPasswordRule(),
                new PasswordlessSudoRule(),
                new AutoLoginRule(),
                VolumeEncryptionRule.osVolume(),
                VolumeEncryptionRule.dataVolumes(),
                new NoBackupRule(),
                new BackupAgeRule("VIG-BAK-002"),
                new BackupAgeRule("VIG-BAK-003"),
                NetworkServiceRule.ssh(),
                NetworkServiceRule.rdp(),
                NetworkServiceRule.of("VIG-RMT-003"),
                NetworkServiceRule.of("VIG-RMT-004"),
                NetworkServiceRule.of("VIG-RMT-005"),
                new RemoteControlToolRule(),
                new SshPasswordAuthRule(),
                new SshRootLoginRule(),
                new RdpNlaRule(),
                new WinRmUnencryptedRule(),
                NetworkServiceRule.of("VIG-NET-001"),
                NetworkServiceRule.of("VIG-NET-002"),
                NetworkServiceRule.of("VIG-NET-003"),
                new SmbV1Rule(),
                new SnmpDefaultCommunityRule(),
                new FirewallOffRule(),
                new InboundDefaultRule(),
                new AntivirusRule(),
                new AntivirusSignaturesRule());
    }
}

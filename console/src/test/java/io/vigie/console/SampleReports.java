package io.vigie.console;

import io.vigie.checks.fact.Account;
import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.AntivirusStatus;
import io.vigie.checks.fact.AutoUpdate;
import io.vigie.checks.fact.AvProduct;
import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.DiskEncryption;
import io.vigie.checks.fact.Exposure;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.fact.LastInstall;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.fact.PasswordHygiene;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.PlatformProtection;
import io.vigie.checks.fact.RdpServer;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.RemoteTool;
import io.vigie.checks.fact.RemoteTools;
import io.vigie.checks.fact.SmbV1;
import io.vigie.checks.fact.SshServer;
import io.vigie.checks.fact.Volume;
import io.vigie.checks.fact.WinRm;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reports built from the real records: every fact key OK, with plausible values of a small office server. */
public final class SampleReports {

    public static final Instant AT = Instant.parse("2026-03-02T08:15:00Z");

    private SampleReports() {
    }

    /** Value of each known key; fails when a key has no sample (a new key must get one here). */
    public static Object sampleValue(FactKey<?> key) {
        return switch (key.name()) {
            case "os.identity" -> new OsIdentity("linux", "debian", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0-18-amd64",
                    null, null, "6.1.0-18-amd64", "x86_64", null);
            case "patch.status" -> new PatchStatus("apt", 12, 3, List.of("openssl", "libssl3", "openssh-server"),
                    AT.minusSeconds(3600), Boolean.FALSE);
            case "patch.lastInstall" -> new LastInstall(AT.minusSeconds(86_400 * 9), "apt-history");
            case "patch.auto" -> new AutoUpdate(Boolean.TRUE, "unattended-upgrades", "APT::Periodic::Unattended-Upgrade=1");
            case "accounts.admins" -> new AdminAccounts(List.of(new Account("root", "0", "uid0", true),
                    new Account("marie", "1000", "group:sudo", true)), "marie", Boolean.TRUE, List.of());
            case "accounts.builtin" -> new BuiltinAccounts(null, null, List.of(), null);
            case "accounts.passwords" -> new PasswordHygiene(List.of(), null, null);
            case "disk.encryption" -> new DiskEncryption(List.of(new Volume("/", "/dev/mapper/vg-root", true, Boolean.TRUE,
                    Boolean.TRUE, "LUKS2", null, "cryptsetup status: active")));
            case "backup.status" -> new BackupStatus(List.of(new BackupJob("restic", "nightly", AT.minusSeconds(30_000),
                    AT.minusSeconds(30_000), Boolean.TRUE, "network", "sftp:nas.local:/backups", Boolean.FALSE)),
                    List.of("restic", "borg", "timeshift", "rsnapshot"));
            case "net.listeners" -> new Listeners(List.of(
                    new Listener("tcp", "0.0.0.0", 22, 812, "sshd", Exposure.NETWORK),
                    new Listener("tcp", "127.0.0.1", 5432, 901, "postgres", Exposure.LOCAL),
                    new Listener("udp", "0.0.0.0", 5353, null, null, Exposure.NETWORK)));
            case "remote.ssh" -> new SshServer(Boolean.TRUE, List.of(22), Boolean.FALSE, Boolean.FALSE, "prohibit-password",
                    "sshd -T");
            case "remote.rdp" -> new RdpServer(Boolean.FALSE, null, null, null);
            case "remote.winrm" -> new WinRm(Boolean.FALSE, List.of(), null);
            case "remote.tools" -> new RemoteTools(List.of(new RemoteTool("rustdesk", Boolean.TRUE, Boolean.FALSE, List.of())),
                    List.of("teamviewer", "anydesk", "rustdesk", "vnc"));
            case "smb.v1" -> new SmbV1(Boolean.FALSE, null, "server min protocol = SMB2_02");
            case "snmp.agent" -> new io.vigie.checks.fact.SnmpAgent(List.of(), 0, 1, List.of("udp:127.0.0.1:161"),
                    List.of("/etc/snmp/snmpd.conf"));
            case "firewall.status" -> new FirewallStatus(List.of(new FirewallProfile("nftables", Boolean.TRUE,
                    InboundPolicy.BLOCK, null)), List.of());
            case "av.status" -> new AntivirusStatus(List.of(new AvProduct("ClamAV", Boolean.TRUE, Boolean.FALSE,
                    AT.minusSeconds(7200), Boolean.TRUE, "normal", Boolean.FALSE)), List.of("clamav", "sophos", "crowdstrike"));
            case "os.protection" -> new PlatformProtection(null, null, null);
            default -> throw new IllegalStateException("no sample value for fact key " + key.name() + ": add one");
        };
    }

    /** Every known fact key, OK. */
    public static Map<String, Fact<?>> allFactsOk() {
        Map<String, Fact<?>> facts = new LinkedHashMap<>();
        for (FactKey<?> k : FactKeys.all()) {
            facts.put(k.name(), new Fact<>(k.name(), io.vigie.checks.fact.FactStatus.OK, Reason.of(Reason.COLLECTED),
                    "sample", AT, sampleValue(k)));
        }
        return facts;
    }

    public static Report report(UUID deviceId, UUID reportId) {
        Map<String, Fact<?>> facts = allFactsOk();
        facts.put("accounts.passwords", Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, "/etc/shadow", AT,
                Reason.of(Reason.NEEDS_ADMIN, "permission denied")));
        List<Finding> findings = List.of(new Finding("VIG-UPD-001", Verdict.FAIL, Severity.HIGH, "T05",
                "security_updates_pending", Map.of("securityPending", 3), List.of("patch.status")));
        LanDiscovery lan = new LanDiscovery(true, "tcp-connect", "192.168.1.0/24", AT, List.of(
                new LanDevice("192.168.1.1", "00:11:22:33:44:55", "Example", "router",
                        List.of(new LanService("tcp", 443, "https", null)), Map.of())));
        return new Report(Report.SCHEMA_VERSION, reportId, deviceId, "srv-compta", "linux", "0.1.0", "0",
                AT, AT.plusSeconds(4), facts, findings, lan);
    }
}

package io.vigie.checks.fact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every fact key Vigie knows, with the type of its value. Names are stable forever (they are stored).
 * The order here is the order of the report and of the human summary.
 */
public final class FactKeys {

    public static final FactKey<OsIdentity> OS_IDENTITY = new FactKey<>("os.identity", OsIdentity.class);
    public static final FactKey<PatchStatus> PATCH_STATUS = new FactKey<>("patch.status", PatchStatus.class);
    public static final FactKey<LastInstall> PATCH_LAST_INSTALL = new FactKey<>("patch.lastInstall", LastInstall.class);
    public static final FactKey<AutoUpdate> PATCH_AUTO = new FactKey<>("patch.auto", AutoUpdate.class);
    public static final FactKey<AdminAccounts> ACCOUNTS_ADMINS = new FactKey<>("accounts.admins", AdminAccounts.class);
    public static final FactKey<BuiltinAccounts> ACCOUNTS_BUILTIN = new FactKey<>("accounts.builtin", BuiltinAccounts.class);
    public static final FactKey<PasswordHygiene> ACCOUNTS_PASSWORDS = new FactKey<>("accounts.passwords", PasswordHygiene.class);
    public static final FactKey<DiskEncryption> DISK_ENCRYPTION = new FactKey<>("disk.encryption", DiskEncryption.class);
    public static final FactKey<BackupStatus> BACKUP_STATUS = new FactKey<>("backup.status", BackupStatus.class);
    public static final FactKey<Listeners> NET_LISTENERS = new FactKey<>("net.listeners", Listeners.class);
    public static final FactKey<SshServer> REMOTE_SSH = new FactKey<>("remote.ssh", SshServer.class);
    public static final FactKey<RdpServer> REMOTE_RDP = new FactKey<>("remote.rdp", RdpServer.class);
    public static final FactKey<WinRm> REMOTE_WINRM = new FactKey<>("remote.winrm", WinRm.class);
    public static final FactKey<RemoteTools> REMOTE_TOOLS = new FactKey<>("remote.tools", RemoteTools.class);
    public static final FactKey<SmbV1> SMB_V1 = new FactKey<>("smb.v1", SmbV1.class);
    public static final FactKey<SnmpAgent> SNMP_AGENT = new FactKey<>("snmp.agent", SnmpAgent.class);
    public static final FactKey<FirewallStatus> FIREWALL_STATUS = new FactKey<>("firewall.status", FirewallStatus.class);
    public static final FactKey<AntivirusStatus> AV_STATUS = new FactKey<>("av.status", AntivirusStatus.class);
    public static final FactKey<PlatformProtection> OS_PROTECTION = new FactKey<>("os.protection", PlatformProtection.class);

    private static final Map<String, FactKey<?>> BY_NAME;

    static {
        Map<String, FactKey<?>> m = new LinkedHashMap<>();
        for (FactKey<?> k : List.of(OS_IDENTITY, PATCH_STATUS, PATCH_LAST_INSTALL, PATCH_AUTO, ACCOUNTS_ADMINS,
                ACCOUNTS_BUILTIN, ACCOUNTS_PASSWORDS, DISK_ENCRYPTION, BACKUP_STATUS, NET_LISTENERS, REMOTE_SSH,
                REMOTE_RDP, REMOTE_WINRM, REMOTE_TOOLS, SMB_V1, SNMP_AGENT, FIREWALL_STATUS, AV_STATUS, OS_PROTECTION)) {
            if (m.put(k.name(), k) != null) {
                throw new IllegalStateException("duplicate fact key " + k.name());
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private FactKeys() {
    }

    /** All keys, in report order. */
    public static List<FactKey<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<FactKey<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}

package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.LastLogins;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.fact.OsIdentity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure parsers, on snippets of the documented formats. */
class LinuxParsersTest {

    @Test
    void shellVarsUnquoteAndSkipComments() {
        Map<String, String> m = LinuxHost.parseShellVars("# c\nID=\"ol\"\nNAME='Oracle Linux'\nX=1 # note\nexport Y=2\n");
        assertEquals("ol", m.get("ID"));
        assertEquals("Oracle Linux", m.get("NAME"));
        assertEquals("1", m.get("X"));
        assertEquals("2", m.get("Y"));
    }

    @Test
    void productIdMapsTheRhelFamily() {
        assertEquals("rocky", OsReleaseCollector.productId("rocky", "rhel centos fedora"));
        assertEquals("rhel", OsReleaseCollector.productId("navy", "rhel centos fedora"));
        assertEquals("linuxmint", OsReleaseCollector.productId("linuxmint", "ubuntu debian"));
        OsIdentity id = OsReleaseCollector.identity(Map.of("ID", "debian", "PRETTY_NAME", "Debian GNU/Linux trixie/sid"),
                "trixie/sid", "6.1.0", "x86_64", null);
        assertEquals("trixie/sid", id.version());
    }

    @Test
    void proStatus() {
        assertEquals(Boolean.TRUE, OsReleaseCollector.parseProStatus("{\"attached\":true,\"services\":[{\"name\":\"esm-infra\",\"status\":\"enabled\"}]}"));
        assertEquals(Boolean.FALSE, OsReleaseCollector.parseProStatus("{\"attached\":false,\"services\":[]}"));
        assertNull(OsReleaseCollector.parseProStatus("not json"));
    }

    @Test
    void aptListCountsSecurityByOrigin() {
        var l = PackageUpdatesCollector.parseAptList("Listing... Done\n"
                + "libc6/bookworm-security,bookworm 2.36-9+deb12u9 amd64 [upgradable from: 2.36-9+deb12u8]\n"
                + "tzdata/stable-updates 2025b-0+deb12u1 all [upgradable from: 2024a-0+deb12u1]\n");
        assertEquals(2, l.pending());
        assertEquals(List.of("libc6"), l.security());
        assertThrows(IllegalArgumentException.class, () -> PackageUpdatesCollector.parseAptList("E: Could not open lock file"));
        assertThrows(IllegalArgumentException.class, () -> PackageUpdatesCollector.parseAptList(""));
    }

    @Test
    void dnfCheckUpdateRowsAndExitCodes() {
        assertEquals(List.of("kernel", "bash"), PackageUpdatesCollector.parseDnfCheckUpdate(100,
                "\nkernel.x86_64  5.14.0-427.40.1.el9_4  baseos\nbash.x86_64 5.1.8-9.el9 baseos\n"
                        + "Obsoleting Packages\ngrub2.x86_64 1:2.06-80 baseos\n    grub2.x86_64 1:2.06-70 @baseos\n"));
        assertThrows(IllegalArgumentException.class, () -> PackageUpdatesCollector.parseDnfCheckUpdate(100, ""));
        assertThrows(IllegalArgumentException.class, () -> PackageUpdatesCollector.parseDnfCheckUpdate(0, "kernel.x86_64 1 baseos\n"));
        assertThrows(IllegalArgumentException.class, () -> PackageUpdatesCollector.parseDnfCheckUpdate(100, "kernel.x86_64 1\n"));
    }

    @Test
    void aptHistoryIgnoresInstallOnlyAndFailedEntries() {
        String h = "Start-Date: 2026-01-01  10:00:00\nUpgrade: a (1, 2)\nEnd-Date: 2026-01-01  10:00:05\n\n"
                + "Start-Date: 2026-02-01  10:00:00\nInstall: b (1)\nEnd-Date: 2026-02-01  10:00:05\n\n"
                + "Start-Date: 2026-03-01  10:00:00\nUpgrade: c (1, 2)\nError: boom\nEnd-Date: 2026-03-01  10:00:05\n";
        assertEquals(LocalDateTime.parse("2026-01-01T10:00:05"), PackageHistoryCollector.newestAptUpgrade(h));
        assertNull(PackageHistoryCollector.newestAptUpgrade("End-Date: 2026-01-01  10:0"));
        assertEquals(Instant.ofEpochSecond(20), PackageHistoryCollector.newestRpmInstall("10\n20\n(none)\n"));
    }

    @Test
    void aptConfigDump() {
        Map<String, String> c = AutoUpdateCollector.parseAptConfig("APT::Periodic::Unattended-Upgrade \"1\";\nAPT::Periodic \"\";\n");
        assertEquals("1", c.get("APT::Periodic::Unattended-Upgrade"));
        assertFalse(AutoUpdateCollector.judgeApt(c, "enabled").enabled()); // lists never refreshed
        assertFalse(AutoUpdateCollector.judgeApt(Map.of("APT::Periodic::Unattended-Upgrade", "1",
                "APT::Periodic::Update-Package-Lists", "1"), "masked").enabled());
        assertEquals("yes", AutoUpdateCollector.parseDnfAutomaticApply("[commands]\nupgrade_type = security\napply_updates = yes\n[emitters]\n"));
        assertNull(AutoUpdateCollector.judgeDnf("disabled", "enabled", null, false).enabled());
    }

    @Test
    void sudoersSpecsTagsAndIncludes() {
        var s = SudoersCollector.parseSudoers("Defaults env_reset\n%admin ALL=(ALL) ALL\n"
                + "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app, \\\n  /usr/bin/journalctl\n"
                + "#1000 ALL=(ALL) ALL\nUser_Alias OPS = a, b\n#includedir /etc/sudoers.d\n@include /etc/sudoers.local\n");
        assertEquals(List.of("/etc/sudoers.d"), s.includeDirs());
        assertEquals(List.of("/etc/sudoers.local"), s.includeFiles());
        assertEquals(3, s.specs().size());
        assertTrue(s.specs().get(0).allCommands());
        assertFalse(s.specs().get(1).allCommands());
        assertTrue(s.specs().get(1).nopasswd());
        assertEquals("#1000", s.specs().get(2).users());
        assertFalse(SudoersCollector.parseSpec("bob ALL=(ALL) NOPASSWD: ALL, PASSWD: /bin/sh").allCommands());
        assertEquals("alice", SudoersCollector.parseWho("bob pts/0 2026-01-01 (10.0.0.1)\nalice tty1 2026-01-01\n"));
    }

    @Test
    void shadowEmptyVersusLocked() {
        assertEquals(List.of("x"), ShadowCollector.parseEmptyPasswords("x::1:0:99999:7:::\ny:!:1:0:99999:7:::\nz:*:1:0:99999:7:::\n"));
        assertNull(ShadowCollector.parseEmptyPasswords("garbage"));
    }

    @Test
    void lsblkFlatListLinksParentsByPkname() {
        var nodes = BlockDeviceCollector.parseLsblk("{\"blockdevices\":[{\"name\":\"sda\",\"type\":\"disk\",\"pkname\":null},"
                + "{\"name\":\"sda2\",\"type\":\"part\",\"fstype\":\"crypto_LUKS\",\"pkname\":\"sda\"},"
                + "{\"name\":\"root\",\"type\":\"crypt\",\"pkname\":\"sda2\",\"mountpoint\":\"/\"}]}");
        var vols = BlockDeviceCollector.volumes(nodes, Map.of());
        assertEquals(1, vols.size());
        assertEquals(Boolean.TRUE, vols.get(0).encrypted());
        assertEquals("LUKS", vols.get(0).method());
        assertThrows(IllegalArgumentException.class, () -> BlockDeviceCollector.parseLsblk("{\"x\":1}"));
    }

    @Test
    void backupParsers() {
        assertEquals(List.of("sftp:me@nas:/srv/restic"), BackupCollector.resticRepositories("restic -r sftp:me@nas:/srv/restic backup /home"));
        assertEquals(List.of("s3:s3.amazonaws.com/bucket"), BackupCollector.resticRepositories("export RESTIC_REPOSITORY=\"s3:s3.amazonaws.com/bucket\""));
        assertEquals("cloud", BackupCollector.destinationKind("b2:bucket:path"));
        assertEquals("network", BackupCollector.destinationKind("user@host:repo"));
        assertEquals(List.of("user@host:repo"), BackupCollector.borgmaticRepositories("repositories:\n  - user@host:repo\nretention:\n  keep_daily: 7\n"));
        var rows = BackupCollector.parseTimers("Mon 2026-11-23 00:00:00 UTC 1h left Sun 2026-11-22 00:00:00 UTC 23h ago backup.timer backup.service\n");
        assertEquals("backup.timer", rows.get(0)[0]);
        assertEquals("backup.service", rows.get(0)[1]);
        var failed = BackupCollector.serviceJob("backup.service", Map.of("Result", "exit-code", "ExecMainStatus", "1", "ExecMainExitTimestamp", "@1795312841"));
        assertEquals(Boolean.FALSE, failed.lastResultOk());
        assertNull(failed.lastSuccess());
        assertNull(BackupCollector.serviceJob("x.service", Map.of("ExecMainExitTimestamp", "")).lastResultOk());
    }

    @Test
    void ssParserAndListenerMapping() {
        List<RawSocket> s = ListenerCollector.parseSs("tcp LISTEN 0 4096 [::1]:631 [::]:*\nudp UNCONN 0 0 127.0.0.53%lo:53 0.0.0.0:*\n");
        assertEquals("::1", s.get(0).address());
        assertEquals("127.0.0.53", s.get(1).address());
        assertThrows(IllegalArgumentException.class, () -> ListenerCollector.parseSs("tcp LISTEN 0\n"));
    }

    @Test
    void sshdParsers() {
        Map<String, String> t = SshdCollector.parseSshdT("port 22\nport 2222\npermitrootlogin no\n");
        assertEquals(List.of(22, 2222), SshdCollector.ports(t));
        assertEquals("prohibit-password", SshdCollector.normalizeRootLogin("without-password"));
        assertNull(SshdCollector.yes("maybe"));
    }

    @Test
    void firewallParsers() {
        FirewallProfile inactive = FirewallCollector.parseUfwStatus("Status: inactive\n");
        assertEquals(Boolean.FALSE, inactive.enabled());
        assertNull(inactive.defaultInbound());
        assertNull(FirewallCollector.parseUfwStatus("ERROR: You need to be root to run this script\n"));
        assertEquals(InboundPolicy.BLOCK, FirewallCollector.parseIptables("-P INPUT ACCEPT\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j REJECT --reject-with icmp-host-prohibited\n", "iptables").defaultInbound());
        FirewallProfile open = FirewallCollector.parseIptables("-P INPUT ACCEPT\n", "iptables");
        assertFalse(open.enabled());
        assertEquals(InboundPolicy.ALLOW, open.defaultInbound());
        assertNull(FirewallCollector.parseNftRuleset("{\"nftables\":[{\"metainfo\":{}}]}"));
        assertEquals(InboundPolicy.ALLOW, FirewallCollector.firewalldInbound("ACCEPT"));
        assertEquals(InboundPolicy.BLOCK, FirewallCollector.firewalldInbound("%%REJECT%%"));
    }

    @Test
    void acceptedPortsBehindADefaultDrop() {
        // ufw's "limit" rule jumps to a chain that accepts without a port: the jumping rule's port is kept
        String ufwLimit = "*filter\n:INPUT DROP [0:0]\n:ufw-user-input - [0:0]\n:ufw-user-limit-accept - [0:0]\n"
                + "-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
                + "-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT\n-A INPUT -j ufw-user-input\n"
                + "-A ufw-user-input -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -j ufw-user-limit-accept\n"
                + "-A ufw-user-input -p udp -m multiport --dports 53,123 -j ACCEPT\n"
                + "-A ufw-user-input -p tcp -m tcp --dport 6000:6010 -j ACCEPT\n"
                + "-A ufw-user-limit-accept -j ACCEPT\nCOMMIT\n";
        assertEquals(List.of("22/tcp", "53/udp", "6000-6010/tcp", "123/udp").stream().sorted().toList(),
                FirewallCollector.parseIptables(ufwLimit, "iptables").acceptedInbound());
        // an accept for a whole source network, a target not understood, or no default drop: not evaluated
        assertNull(FirewallCollector.parseIptables("*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n",
                "iptables").acceptedInbound());
        assertNull(FirewallCollector.parseIptables("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -j NFQUEUE --queue-num 1\nCOMMIT\n",
                "iptables").acceptedInbound());
        assertNull(FirewallCollector.parseIptables("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j DROP\nCOMMIT\n",
                "iptables").acceptedInbound());
    }

    @Test
    void onIsNotFilteringUnlessSomethingIsDropped() {
        String chain = "{\"chain\":{\"family\":\"inet\",\"table\":\"filter\",\"name\":\"input\",\"type\":\"filter\","
                + "\"hook\":\"input\",\"prio\":0,\"policy\":\"accept\"}}";
        String invalidDrop = "{\"rule\":{\"family\":\"inet\",\"table\":\"filter\",\"chain\":\"input\",\"expr\":["
                + "{\"match\":{\"op\":\"in\",\"left\":{\"ct\":{\"key\":\"state\"}},\"right\":\"invalid\"}},{\"drop\":null}]}}";
        FirewallProfile acceptAll = FirewallCollector.parseNftRuleset("{\"nftables\":[" + chain + "," + invalidDrop + "]}");
        assertTrue(acceptAll.enabled());
        assertEquals(Boolean.FALSE, acceptAll.filtering(), acceptAll.detail());
        // a verdict map that drops one port, reached through a jump: filtering
        String jump = "{\"rule\":{\"family\":\"inet\",\"table\":\"filter\",\"chain\":\"input\",\"expr\":[{\"jump\":{\"target\":\"svc\"}}]}}";
        String vmap = "{\"rule\":{\"family\":\"inet\",\"table\":\"filter\",\"chain\":\"svc\",\"expr\":[{\"vmap\":{\"key\":"
                + "{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"data\":{\"set\":[[3306,{\"drop\":null}]]}}}]}}";
        FirewallProfile viaJump = FirewallCollector.parseNftRuleset("{\"nftables\":[" + chain + "," + jump + "," + vmap + "]}");
        assertEquals(Boolean.TRUE, viaJump.filtering(), viaJump.detail());
        assertEquals(InboundPolicy.ALLOW, viaJump.defaultInbound());
        // iptables: dropping only INVALID packets filters nothing; a loop of jumps ends
        FirewallProfile invalidOnly = FirewallCollector.parseIptables("*filter\n:INPUT ACCEPT [0:0]\n:a - [0:0]\n"
                + "-A INPUT -m state --state INVALID -j DROP\n-A INPUT -j a\n-A a -j INPUT\nCOMMIT\n", "iptables");
        assertEquals(Boolean.FALSE, invalidOnly.filtering());
        // other tables are not the filter table
        assertNull(FirewallCollector.parseIptables("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\nCOMMIT\n", "iptables"));
        assertNull(FirewallCollector.parseIptables("", "iptables"));
        FirewallProfile ufwOverEmpty = FirewallCollector.withKernelVerdict(FirewallCollector.parseUfwStatus(
                "Status: active\nDefault: deny (incoming), allow (outgoing)\n"), false);
        assertEquals(Boolean.FALSE, ufwOverEmpty.filtering());
        assertTrue(ufwOverEmpty.detail().contains("ufw says active"));
    }

    @Test
    void clamavAndRemoteParsers() {
        assertEquals(Instant.parse("2026-11-21T08:27:00Z"), AntivirusCollector.parseSigtoolBuildTime("Build time: 21 Nov 2026 09:27 +0100\n"));
        assertNull(AntivirusCollector.parseSigtoolBuildTime("Version: 1\n"));
        assertEquals(3390, RemoteAccessCollector.parseXrdpPort("tcp://.:3390"));
        assertTrue(RemoteAccessCollector.layerIsNla("hybrid"));
        assertTrue(SambaCollector.smb1("nt1"));
        assertFalse(SambaCollector.smb1("SMB2_10"));
        assertEquals(java.util.Set.of("a"), LinuxHost.parseDpkgInstalled("Package: a\nStatus: install ok installed\n\nPackage: b\nStatus: deinstall ok config-files\n"));
    }

    @Test
    void aTimerTowardsAMissingRepositoryIsNoCopy() {
        // a timer whose service names its repository through an EnvironmentFile, never run yet (no exit timestamp)
        BackupJob timer = BackupCollector.serviceJob("restic-backup.service", Map.of("Result", "success"));
        BackupJob repo = new BackupJob("restic", "/srv/restic-repo", null, null, null, "local", "/srv/restic-repo",
                null, null, false, null);
        String unit = "[Service]\nEnvironmentFile=/etc/restic/restic.env\nExecStart=/usr/bin/restic backup /home\n";
        BackupJob linked = BackupCollector.withRepository(timer, unit, List.of(repo));
        assertEquals("/srv/restic-repo", linked.destination());
        assertTrue(linked.provenEmpty(), "a job towards a missing repository holds no copy: " + linked);
        // a unit naming nothing known stays as it was
        assertEquals(timer, BackupCollector.withRepository(timer, "[Service]\nExecStart=/usr/local/bin/sync.sh\n", List.of(repo)));
        // a timer with a successful run keeps its own evidence
        BackupJob ran = BackupCollector.serviceJob("restic-backup.service",
                Map.of("Result", "success", "ExecMainStatus", "0", "ExecMainExitTimestamp", "@1795312841"));
        assertEquals(ran, BackupCollector.withRepository(ran, unit, List.of(repo)));
    }

    @Test
    void loginStateComesFromShellShadowAndExpiryNeverFromAHash() {
        long day = 20779; // 2026-11-22
        List<ShadowCollector.Entry> e = ShadowCollector.parseShadow("alice:$y$j9T$abc$def:20337:0:99999:7:::\n"
                + "masked:VIGIE-MASKED:20337:0:99999:7:::\nmasked6:$6$VIGIE-MASKED:20337:0:99999:7:::\n"
                + "locked:!$6$VIGIE-MASKED:20337:0:99999:7:::\nstar:*:20337:0:99999:7:::\nbang2:!!:20337::::::\n"
                + "empty::20337:0:99999:7:::\nexp:$y$x$y:20337:0:99999:7::20779:\nexpTomorrow:$y$x$y:20337:0:99999:7::20780:\n"
                + "zero:$y$x$y:20337:0:99999:7::0:\nshort:x:1\n");
        assertEquals(10, e.size(), "lines without the 9 shadow fields are skipped");
        Map<String, ShadowCollector.Entry> by = new java.util.HashMap<>();
        e.forEach(x -> by.put(x.name(), x));
        assertEquals(Boolean.TRUE, ShadowCollector.loginEnabled("/bin/bash", by.get("alice"), day));
        // a recording's mask (vigie record) keeps lock marks and replaces only the hash: still a password
        assertEquals(Boolean.TRUE, ShadowCollector.loginEnabled("/bin/bash", by.get("masked"), day));
        assertEquals(Boolean.TRUE, ShadowCollector.loginEnabled("/bin/bash", by.get("masked6"), day));
        // locked password: no password login, but SSH keys may still log in — unknown, not "disabled"
        assertNull(ShadowCollector.loginEnabled("/bin/bash", by.get("locked"), day));
        assertNull(ShadowCollector.loginEnabled("/bin/bash", by.get("star"), day));
        assertNull(ShadowCollector.loginEnabled("/bin/bash", by.get("bang2"), day));
        assertEquals(Boolean.TRUE, ShadowCollector.loginEnabled("/bin/bash", by.get("empty"), day));
        // expired from its expiration day on; 0 is ambiguous in shadow(5) and decides nothing
        assertEquals(Boolean.FALSE, ShadowCollector.loginEnabled("/bin/bash", by.get("exp"), day));
        assertEquals(Boolean.TRUE, ShadowCollector.loginEnabled("/bin/bash", by.get("expTomorrow"), day));
        assertEquals(Boolean.TRUE, ShadowCollector.loginEnabled("/bin/bash", by.get("zero"), day));
        // no-login shells decide even without shadow; no shadow line is unknown
        assertEquals(Boolean.FALSE, ShadowCollector.loginEnabled("/usr/sbin/nologin", by.get("alice"), day));
        assertEquals(Boolean.FALSE, ShadowCollector.loginEnabled("/bin/false", null, day));
        assertNull(ShadowCollector.loginEnabled("/bin/bash", null, day));
        assertEquals(List.of("empty"), ShadowCollector.parseEmptyPasswords("empty::1:0:99999:7:::\nx:!:1:0:99999:7:::\n"));
        assertNull(ShadowCollector.parseEmptyPasswords("not a shadow file\n"));
    }

    @Test
    void aJobIsABackupByTheToolItRunsNotByItsName() {
        // Debian 12's dpkg-db-backup.service (dpkg 1.21.22): housekeeping, whatever its name says
        List<String> dpkg = BackupCollector.execStarts("[Service]\nType=oneshot\nExecStart=/usr/libexec/dpkg/dpkg-db-backup\n");
        assertEquals(List.of("/usr/libexec/dpkg/dpkg-db-backup"), dpkg);
        assertNull(BackupCollector.backupTool(String.join("\n", dpkg)));
        assertTrue(BackupCollector.housekeepingCommand(dpkg));
        assertTrue(BackupCollector.HOUSEKEEPING_UNITS.containsKey(BackupCollector.templateName("dpkg-db-backup.service")));
        assertFalse(BackupCollector.housekeepingCommand(List.of("/usr/libexec/dpkg/dpkg-db-backup", "/usr/bin/restic backup /")));
        assertFalse(BackupCollector.housekeepingCommand(List.of()));
        // prefixes and several ExecStart lines (systemd.service(5)); a commented line is no command
        assertEquals(List.of("/usr/bin/pg_backupcluster %i basebackup", "/usr/bin/true"), BackupCollector.execStarts(
                "# ExecStart=/usr/bin/restic backup\nExecStartPre=+/usr/bin/pg_backupcluster %i createdirectory\n"
                        + "ExecStart=/usr/bin/pg_backupcluster %i basebackup\nExecStart=-/usr/bin/true\n"));
        assertEquals("pg_backupcluster", BackupCollector.backupTool("/usr/bin/pg_backupcluster %i basebackup"));
        // a tool is a command word, bare or as a bin path — not a folder name or part of another word
        assertEquals("restic", BackupCollector.backupTool("RESTIC_REPOSITORY=/srv/repo restic backup /home"));
        assertEquals("rsync", BackupCollector.backupTool("set -e\n/usr/bin/rsync -a /home/ nas:/vol/"));
        assertEquals("borg", BackupCollector.backupTool("nice -n 19 $(command -v borg) create ::x /etc"));
        assertNull(BackupCollector.backupTool("tar -cf /var/backups/restic/etc.tar /etc"));
        assertNull(BackupCollector.backupTool("cp -a /etc /srv/borg-old"));
        assertNull(BackupCollector.backupTool("# rsync -a /home /mnt/nas\ntar czf /tmp/etc.tgz /etc"));
        assertNull(BackupCollector.backupTool("/opt/rsync/helper --check"));
        // names
        assertTrue(BackupCollector.looksLikeBackup("dpkg-db-backup.timer"));
        assertTrue(BackupCollector.looksLikeBackup("Borgmatic.timer"));
        assertFalse(BackupCollector.looksLikeBackup("logrotate.timer logrotate.service"));
        assertEquals("pg_basebackup@.service", BackupCollector.templateName("pg_basebackup@15-main.service"));
        assertEquals("restic-backup.service", BackupCollector.templateName("restic-backup.service"));
        assertEquals("a\n\nb\n", BackupCollector.withoutComments("a\n  # restic -r /x\n\nb"));
    }

    @Test
    void processNamesAreComparedNormalised() {
        // Windows: product data says .exe, OSHI's socket table does not; case differs between the two
        assertTrue(RawSocket.sameProcess("TeamViewer_Service.exe", "TeamViewer_Service"));
        assertTrue(RawSocket.sameProcess("AnyDesk.exe", "anydesk.EXE"));
        // Linux comm keeps 15 characters
        assertTrue(RawSocket.sameProcess("gnome-remote-desktop-daemon", "gnome-remote-de"));
        assertFalse(RawSocket.sameProcess("gnome-remote-desktop-daemon", "gnome"));
        assertFalse(RawSocket.sameProcess("rustdesk.exe", "rustdesk-helper"));
        assertFalse(RawSocket.sameProcess("AnyDesk.exe", null));
    }

    @Test
    void recentLocalUsersFromLast() {
        // BSD last(1) on macOS: console sessions, Terminal ttys, reboot/shutdown pseudo-users, system accounts
        String mac = "alice     console                   Sat Nov 21 08:12 - 18:20  (10:08)\n"
                + "alice     ttys000                   Sat Nov 21 09:13 - 09:20  (00:07)\n"
                + "_mbsetupuser  console               Fri Nov 20 07:59 - 08:00  (00:01)\n"
                + "reboot    ~                         Fri Nov 20 07:58\n"
                + "shutdown  ~                         Thu Nov 19 22:00\n"
                + "bob       console                   Thu Nov 19 08:30 - 22:00  (13:30)\n"
                + "bob       console                   Wed Nov 18 08:30 - 18:00  (09:30)\n"
                + "\nwtmp begins Mon Nov  2 09:10\n";
        // bob twice on the console, alice once (her ttys000 window is inside the same console session)
        assertEquals(List.of("bob", "alice"), LastLogins.recentUsers(mac, 3));
        // util-linux: a remote SSH session is not the daily user; a graphical seat is
        String linux = "carol    :0           :0               Sun Nov 22 08:00   still logged in\n"
                + "admin    pts/1        10.0.0.5         Sun Nov 22 07:00 - 07:30  (00:30)\n";
        assertEquals(List.of("carol"), LastLogins.recentUsers(linux, 3));
        assertEquals(List.of(), LastLogins.recentUsers("\nwtmp begins Sun Nov  1 07:58:12 2026\n", 3));
    }

    @Test
    void rsnapshotLogInBothDateFormats() {
        String old = "[28/Feb/2004:23:45:59] /usr/bin/rsnapshot hourly: completed successfully\n"
                + "[29/Feb/2004:00:45:59] /usr/bin/rsnapshot hourly: completed, but with no definite status\n";
        BackupCollector.RsnapshotRuns r = BackupCollector.parseRsnapshotLog(old, java.time.ZoneId.of("Europe/Paris"));
        assertEquals(Instant.parse("2004-02-28T22:45:59Z"), r.lastSuccess());
        assertEquals(Instant.parse("2004-02-28T23:45:59Z"), r.lastAttempt());
        assertEquals(Boolean.FALSE, r.lastOk());
        assertNull(BackupCollector.parseRsnapshotLog("[2026-11-22T03:30:01] /usr/bin/rsnapshot daily: started\n",
                java.time.ZoneOffset.UTC).lastAttempt(), "a run still going is no result");
    }
}

package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.RemoteTool;
import io.vigie.checks.fact.RemoteTools;
import io.vigie.checks.fact.SmbV1;
import io.vigie.checks.fact.SshServer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remote access on a Mac: Remote Login (SSH), Screen Sharing / Remote Management, third-party remote-control
 * apps, and SMB file sharing. The built-in services are launchd jobs whose sockets launchd itself holds, so
 * their state is read, in order of trust:
 * <ol>
 *   <li>{@code systemsetup -getremotelogin} ("Remote Login: On|Off"; root, and Full Disk Access since macOS 13) —
 *       Remote Login only;</li>
 *   <li>{@code launchctl print-disabled system}: the enable/disable overrides the Sharing settings write
 *       ({@code "com.openssh.sshd" => enabled|disabled}, older {@code => false|true});</li>
 *   <li>{@code launchctl print system/<label>}: loaded (exit 0) = on, "Could not find service" = off;</li>
 *   <li>a listener on the service's port (22, 5900, 445) in the socket table (complete only as root).</li>
 * </ol>
 * remote.rdp and remote.winrm do not arise on macOS (NOT_APPLICABLE). smb.v1 arises only when SMB file sharing
 * is on: macOS then exposes no setting for the SMB 1 dialect of its own server (serverEnabled unknown); the
 * client's dialects come from {@code protocol_vers_map} in /etc/nsmb.conf (nsmb.conf(5), bit 1 = SMB 1).
 */
final class RemoteAccess implements Collector {

    static final String SSHD = "com.openssh.sshd";
    static final String SCREEN_SHARING = "com.apple.screensharing";
    static final String SMBD = "com.apple.smbd";
    static final String NSMB = "/etc/nsmb.conf";
    private static final Pattern OVERRIDE = Pattern.compile("\"([^\"]+)\"\\s*=>\\s*(\\w+)");
    private static final Pattern REMOTE_LOGIN = Pattern.compile("Remote Login:\\s*(On|Off)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERS_MAP = Pattern.compile("(?m)^\\s*protocol_vers_map\\s*=\\s*(\\d+)");

    private final MacProducts products;

    RemoteAccess(MacProducts products) {
        this.products = products;
    }

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.REMOTE_SSH, FactKeys.REMOTE_RDP, FactKeys.REMOTE_WINRM, FactKeys.REMOTE_TOOLS,
                FactKeys.SMB_V1);
    }

    /** What the machine tells about its launchd services and sockets, read once. */
    record Services(Map<String, Boolean> disabled, List<RawSocket> sockets, boolean completeTable) {

        /** Whether something listens on {@code port} (tcp); empty when the table cannot tell. */
        Optional<Boolean> listening(int port) {
            if (sockets == null) {
                return Optional.empty();
            }
            boolean seen = sockets.stream().anyMatch(s -> s.port() == port && "tcp".equalsIgnoreCase(s.protocol()));
            return seen || completeTable ? Optional.of(seen) : Optional.empty();
        }
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        CommandResult pd = Probe.run(ctx, "launchctl", "print-disabled", "system");
        Map<String, Boolean> disabled = pd.ok() ? parseOverrides(pd.stdout()) : Map.of();
        List<RawSocket> sockets = MacListeners.table(ctx).orElse(null);
        Services svc = new Services(disabled, sockets, ctx.admin() && sockets != null);
        List<Fact<?>> out = new ArrayList<>();
        out.add(ssh(ctx, svc));
        out.add(Fact.notApplicable(FactKeys.REMOTE_RDP, "macOS", ctx.now(), Reason.of(Reason.NOT_SUPPORTED,
                "macOS has no RDP server; Screen Sharing (VNC) is reported under remote.tools")));
        out.add(Fact.notApplicable(FactKeys.REMOTE_WINRM, "macOS", ctx.now(), Reason.of(Reason.NOT_SUPPORTED,
                "Windows Remote Management does not exist on macOS")));
        out.add(tools(ctx, svc));
        out.add(smb(ctx, svc));
        return out;
    }

    // ----- Remote Login (SSH) -----

    private Fact<?> ssh(CollectContext ctx, Services svc) {
        Boolean on = null;
        List<String> from = new ArrayList<>();
        if (ctx.admin()) {
            CommandResult ss = Probe.run(ctx, "systemsetup", "-getremotelogin");
            on = ss.ok() ? remoteLogin(ss.stdout()) : null;
            if (on != null) {
                from.add("systemsetup -getremotelogin");
            }
        }
        if (on == null) {
            on = serviceState(ctx, svc, SSHD, 22, from);
        }
        Map<String, String> cfg = null;
        String cfgSource = null;
        if (ctx.admin()) {
            CommandResult t = Probe.run(ctx, "/usr/sbin/sshd", "-T");
            if (t.ok() && !t.stdout().isBlank()) {
                cfg = SshdConfig.parseEffective(t.stdout());
                cfgSource = "sshd -T";
            }
        }
        if (cfg == null) {
            cfg = SshdConfig.read(ctx.files());
            cfgSource = cfg == null ? null : "sshd_config";
        }
        if (on == null && cfg == null) {
            return Fact.unknown(FactKeys.REMOTE_SSH, "launchctl + sshd_config", ctx.now(), Reason.of(Reason.NEEDS_ADMIN,
                    "Remote Login state and sshd_config unreadable; " + Probe.FDA_HINT));
        }
        Boolean password = null;
        Boolean kbd = null;
        String rootLogin = null;
        if (cfg != null) {
            // OpenSSH defaults (sshd_config(5)): PasswordAuthentication yes, KbdInteractiveAuthentication yes,
            // PermitRootLogin prohibit-password
            password = SshdConfig.yes(cfg.getOrDefault("passwordauthentication", "yes"));
            kbd = SshdConfig.yes(cfg.getOrDefault("kbdinteractiveauthentication",
                    cfg.getOrDefault("challengeresponseauthentication", "yes")));
            rootLogin = cfg.getOrDefault("permitrootlogin", "prohibit-password").toLowerCase(Locale.ROOT);
            if (rootLogin.equals("without-password")) {
                rootLogin = "prohibit-password"; // the old spelling of the same setting
            }
            from.add(cfgSource);
        }
        // launchd owns the socket (ssh.plist SockServiceName "ssh"): the Port keyword of sshd_config does not apply
        return Fact.ok(FactKeys.REMOTE_SSH, String.join(" + ", from), ctx.now(),
                new SshServer(on, List.of(22), password, kbd, rootLogin, cfgSource));
    }

    static Boolean remoteLogin(String text) {
        Matcher m = REMOTE_LOGIN.matcher(text);
        return m.find() ? m.group(1).equalsIgnoreCase("On") : null;
    }

    /** On/off of a launchd service from the overrides, then launchctl print, then its port; null = cannot tell. */
    static Boolean serviceState(CollectContext ctx, Services svc, String label, int port, List<String> from) {
        Boolean disabled = svc.disabled().get(label);
        if (disabled != null) {
            from.add("launchctl print-disabled system");
            return !disabled;
        }
        CommandResult p = Probe.run(ctx, "launchctl", "print", "system/" + label);
        if (p.ok()) {
            from.add("launchctl print system/" + label);
            return true;
        }
        if (Probe.both(p).contains("Could not find service")) {
            from.add("launchctl print system/" + label);
            return false;
        }
        Optional<Boolean> l = svc.listening(port);
        if (l.isPresent()) {
            from.add("socket table");
            return l.get();
        }
        return null;
    }

    /** {@code launchctl print-disabled system}: label → disabled. */
    static Map<String, Boolean> parseOverrides(String text) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Matcher m = OVERRIDE.matcher(text);
        while (m.find()) {
            String v = m.group(2).toLowerCase(Locale.ROOT);
            if (v.equals("disabled") || v.equals("true")) {
                out.putIfAbsent(m.group(1), true);
            } else if (v.equals("enabled") || v.equals("false")) {
                out.putIfAbsent(m.group(1), false);
            }
        }
        return out;
    }

    // ----- remote-control tools -----

    private Fact<?> tools(CollectContext ctx, Services svc) {
        List<RemoteTool> found = new ArrayList<>();
        List<String> lookedFor = new ArrayList<>();
        List<String> from = new ArrayList<>();

        lookedFor.add("Screen Sharing");
        Boolean screen = serviceState(ctx, svc, SCREEN_SHARING, 5900, from);
        if (screen == null) {
            found.add(new RemoteTool("Screen Sharing", true, null, List.of()));
        } else if (screen) {
            found.add(new RemoteTool("Screen Sharing", true, true, List.of(5900)));
        }
        lookedFor.add("Apple Remote Desktop");
        if (svc.listening(3283).orElse(false)) {
            found.add(new RemoteTool("Apple Remote Desktop", true, true, List.of(3283)));
        }
        for (MacProducts.RemoteToolSpec spec : products.remoteTools()) {
            lookedFor.add(spec.name());
            boolean installed = MacProducts.installed(ctx, spec.paths());
            TreeSet<Integer> ports = new TreeSet<>();
            if (svc.sockets() != null) {
                for (RawSocket s : svc.sockets()) {
                    boolean byProcess = s.process() != null && spec.processes().stream()
                            .anyMatch(p -> RawSocket.sameProcess(p, s.process()));
                    if (byProcess || (installed && spec.ports().contains(s.port()))) {
                        ports.add(s.port());
                    }
                }
            }
            if (installed || !ports.isEmpty()) {
                // no listener proves nothing: such tools also work by outgoing connections only
                found.add(new RemoteTool(spec.name(), true, ports.isEmpty() ? null : Boolean.TRUE, List.copyOf(ports)));
            }
        }
        from.add("/Applications");
        if (svc.sockets() != null) {
            from.add("socket table");
        }
        return Fact.ok(FactKeys.REMOTE_TOOLS, String.join(" + ", new java.util.LinkedHashSet<>(from)), ctx.now(),
                new RemoteTools(found, lookedFor));
    }

    // ----- SMB file sharing -----

    private Fact<?> smb(CollectContext ctx, Services svc) {
        List<String> from = new ArrayList<>();
        Boolean sharing = null;
        Boolean disabled = svc.disabled().get(SMBD);
        if (disabled != null) {
            sharing = !disabled;
            from.add("launchctl print-disabled system");
        } else {
            Optional<Boolean> l = svc.listening(445);
            if (l.isPresent()) {
                sharing = l.get();
                from.add("socket table");
            }
        }
        if (sharing == null) {
            return Fact.unknown(FactKeys.SMB_V1, "launchctl print-disabled system", ctx.now(), Reason.of(
                    Reason.NEEDS_ADMIN, "SMB file sharing state unknown: no launchd override for " + SMBD
                            + " and the socket table is complete only as root"));
        }
        if (!sharing) {
            return Fact.notApplicable(FactKeys.SMB_V1, String.join(" + ", from), ctx.now(),
                    Reason.of(Reason.NOT_INSTALLED, "SMB file sharing is off: no SMB server runs on this Mac"));
        }
        FileContent nsmb = ctx.files().read(NSMB);
        Boolean client = null;
        String detail = "SMB file sharing on; macOS exposes no setting for its server's SMB 1 dialect";
        if (nsmb.ok()) {
            Matcher m = VERS_MAP.matcher(nsmb.text());
            if (m.find()) {
                int map = Integer.parseInt(m.group(1));
                client = (map & 1) != 0;
                detail += "; " + NSMB + " protocol_vers_map=" + map;
            }
        }
        from.add(NSMB);
        return Fact.ok(FactKeys.SMB_V1, String.join(" + ", from), ctx.now(), new SmbV1(null, client, detail));
    }
}

package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.RdpServer;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.RemoteTool;
import io.vigie.checks.fact.RemoteTools;
import io.vigie.checks.fact.SmbV1;
import io.vigie.checks.fact.SnmpAgent;
import io.vigie.checks.fact.SnmpCommunity;
import io.vigie.checks.fact.SshServer;
import io.vigie.checks.fact.WinRm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code remote.rdp}, {@code remote.winrm}, {@code remote.tools}, {@code smb.v1} and {@code remote.ssh} (Windows
 * OpenSSH server) from the registry, the service list, the uninstall keys and the socket table. No admin needed.
 */
final class RemoteAccessCollector extends ProbeCollector {

    static final String SSHD_CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
    static final String TS_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server";

    RemoteAccessCollector() {
        super("windows-remote", "remote-access", List.of(FactKeys.REMOTE_RDP, FactKeys.REMOTE_WINRM,
                FactKeys.REMOTE_TOOLS, FactKeys.SMB_V1, FactKeys.REMOTE_SSH, FactKeys.SNMP_AGENT));
    }

    record Service(String name, String displayName, String status, String startType) {
        boolean running() {
            return "Running".equalsIgnoreCase(status);
        }
    }

    static List<Service> services(Probe.Section s) {
        List<Service> out = new ArrayList<>();
        for (JsonNode n : Nodes.list(s.node())) {
            out.add(new Service(Nodes.text(n, "Name"), Nodes.text(n, "DisplayName"), Nodes.text(n, "Status"),
                    Nodes.text(n, "StartType")));
        }
        return out;
    }

    static Service service(List<Service> services, String name) {
        return services.stream().filter(s -> name.equalsIgnoreCase(s.name())).findFirst().orElse(null);
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        Instant at = ctx.now();
        List<RawSocket> sockets;
        String socketError = null;
        try {
            sockets = ctx.sockets().listening();
        } catch (Exception e) {
            sockets = null;
            socketError = e.getMessage();
        }
        return List.of(rdp(p, at), winrm(p, at), tools(p, sockets, socketError, at), smb(p, at), ssh(ctx, p, at),
                snmp(p, at));
    }

    static Fact<RdpServer> rdp(Probe p, Instant at) {
        String source = TS_KEY + " + Terminal Services policy (" + p.source() + ")";
        Probe.Section s = p.section("rdp");
        if (!s.ok()) {
            return Fact.unknown(FactKeys.REMOTE_RDP, source, at, s.failure());
        }
        JsonNode n = s.node();
        Long policyDeny = Nodes.number(n, "PolicyDenyTSConnections");
        Long policyNla = Nodes.number(n, "PolicyUserAuthentication");
        Long deny = policyDeny != null ? policyDeny : Nodes.number(n, "fDenyTSConnections");
        Long nla = policyNla != null ? policyNla : Nodes.number(n, "UserAuthentication");
        Long port = Nodes.number(n, "PortNumber");
        // fDenyTSConnections absent = Windows default: connections denied.
        boolean enabled = deny != null && deny == 0;
        return Fact.ok(FactKeys.REMOTE_RDP, source, at, new RdpServer(enabled, nla == null ? null : nla == 1,
                port == null ? 3389 : (int) (long) port, policyDeny != null || policyNla != null));
    }

    static Fact<WinRm> winrm(Probe p, Instant at) {
        String source = "service WinRM, HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN (" + p.source() + ")";
        Probe.Section s = p.section("winrm");
        Probe.Section svc = p.section("services");
        if (!s.ok()) {
            return Fact.unknown(FactKeys.REMOTE_WINRM, source, at, s.failure());
        }
        Boolean running = null;
        if (svc.ok()) {
            Service w = service(services(svc), "WinRM");
            running = w == null ? Boolean.FALSE : w.running();
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (JsonNode l : Nodes.list(s.node(), "Listeners")) {
            Long port = Nodes.number(l, "Port");
            String key = Nodes.text(l, "Key");
            if (port != null) {
                ports.add((int) (long) port);
            } else if (key != null) {
                ports.add(key.toUpperCase(Locale.ROOT).endsWith("+HTTPS") ? 5986 : 5985);
            }
        }
        Long policy = Nodes.number(s.node(), "PolicyAllowUnencrypted");
        Long local = Nodes.number(s.node(), "AllowUnencrypted");
        Long unenc = policy != null ? policy : local;
        return Fact.ok(FactKeys.REMOTE_WINRM, source, at,
                new WinRm(running, List.copyOf(ports), unenc != null && unenc == 1));
    }

    /**
     * The Windows SNMP service's communities: value names under {@code ValidCommunities}, rights 4 = read only,
     * 8 = read write, 16 = read create (Microsoft Learn, SNMP service registry entries). The probe sends only the
     * default names ({@code public}, {@code private}); the others are counted.
     */
    static Fact<SnmpAgent> snmp(Probe p, Instant at) {
        String source = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SNMP\\Parameters\\ValidCommunities (" + p.source() + ")";
        Probe.Section s = p.section("snmp");
        if (!s.ok()) {
            return Fact.unknown(FactKeys.SNMP_AGENT, source, at, s.failure());
        }
        if (!Boolean.TRUE.equals(Nodes.bool(s.node(), "Installed"))) {
            return Fact.notApplicable(FactKeys.SNMP_AGENT, source, at,
                    Reason.of(Reason.NOT_INSTALLED, "the SNMP service is not installed"));
        }
        List<SnmpCommunity> defaults = new ArrayList<>();
        int others = 0;
        for (JsonNode c : Nodes.list(Nodes.get(s.node(), "Communities"))) {
            Long rights = Nodes.number(c, "Rights");
            String access = rights == null ? null : rights >= 8 ? "write" : rights >= 4 ? "read" : null;
            if (access == null) {
                continue; // none or notify only: the community reads nothing
            }
            String name = Nodes.text(c, "Default");
            if (name != null) {
                defaults.add(new SnmpCommunity(name, access, "ValidCommunities (registry, rights " + rights + ")"));
            } else {
                others++;
            }
        }
        return Fact.ok(FactKeys.SNMP_AGENT, source, at, new SnmpAgent(defaults, others, 0, List.of(), List.of(source)));
    }

    static Fact<SmbV1> smb(Probe p, Instant at) {
        String source = "LanmanServer SMB1, services srv/mrxsmb10, Get-SmbServerConfiguration (" + p.source() + ")";
        Probe.Section s = p.section("smb");
        if (!s.ok()) {
            return Fact.unknown(FactKeys.SMB_V1, source, at, s.failure());
        }
        JsonNode n = s.node();
        Long srv = Nodes.number(n, "SrvDriverStart");
        Long value = Nodes.number(n, "Smb1Value");
        Long client = Nodes.number(n, "Mrxsmb10Start");
        JsonNode cfg = Nodes.get(n, "ServerConfiguration");
        Boolean cfgEnabled = ProbeError.of(cfg) == null ? Nodes.bool(cfg, "EnableSMB1Protocol") : null;
        List<String> detail = new ArrayList<>();
        Boolean server;
        if (srv == null) {
            server = false;
            detail.add("SMB1 server driver (srv) not installed");
        } else if (srv == 4) {
            server = false;
            detail.add("srv Start=4 (disabled)");
        } else if (cfgEnabled != null) {
            server = cfgEnabled;
            detail.add("EnableSMB1Protocol=" + cfgEnabled);
        } else if (value != null) {
            server = value != 0;
            detail.add("LanmanServer SMB1=" + value);
        } else {
            server = true;
            detail.add("srv installed, no SMB1 value (default: enabled)");
        }
        Boolean clientOn = client == null ? Boolean.FALSE : client != 4;
        detail.add(client == null ? "mrxsmb10 not installed" : "mrxsmb10 Start=" + client);
        return Fact.ok(FactKeys.SMB_V1, source, at, new SmbV1(server, clientOn, String.join(", ", detail)));
    }

    static Fact<RemoteTools> tools(Probe p, List<RawSocket> sockets, String socketError, Instant at) {
        String source = "services, uninstall registry keys, socket table (" + p.source() + ")";
        Probe.Section svc = p.section("services");
        Probe.Section progs = p.section("programs");
        if (!svc.ok() && !progs.ok()) {
            return Fact.unknown(FactKeys.REMOTE_TOOLS, source, at, svc.failure());
        }
        List<Service> services = svc.ok() ? services(svc) : List.of();
        List<String> programs = new ArrayList<>();
        if (progs.ok()) {
            for (JsonNode n : Nodes.list(progs.node())) {
                String d = Nodes.text(n, "DisplayName");
                if (d != null) {
                    programs.add(d);
                }
            }
        }
        List<RemoteTool> found = new ArrayList<>();
        List<String> lookedFor = new ArrayList<>();
        for (KnownProducts.RemoteTool t : KnownProducts.REMOTE_TOOLS) {
            lookedFor.add(t.name());
            List<Service> matching = services.stream()
                    .filter(s -> KnownProducts.any(t.services(), s.name(), s.displayName())).toList();
            boolean program = programs.stream().anyMatch(d -> KnownProducts.any(t.programs(), d));
            TreeSet<Integer> ports = new TreeSet<>();
            boolean processSeen = false;
            if (sockets != null) {
                for (RawSocket s : sockets) {
                    boolean byProcess = s.process() != null && t.processes().stream().anyMatch(x -> RawSocket.sameProcess(x, s.process()));
                    boolean byPort = s.process() == null && (program || !matching.isEmpty()) && t.ports().contains(s.port());
                    if (byProcess || byPort) {
                        ports.add(s.port());
                        processSeen |= byProcess;
                    }
                }
            }
            if (matching.isEmpty() && !program && ports.isEmpty()) {
                continue;
            }
            Boolean running = matching.stream().anyMatch(Service::running) || processSeen ? Boolean.TRUE
                    : svc.ok() ? Boolean.FALSE : null;
            found.add(new RemoteTool(t.name(), true, running, sockets == null ? null : List.copyOf(ports)));
        }
        if (sockets == null && socketError != null) {
            source += "; socket table unreadable: " + socketError;
        }
        return Fact.ok(FactKeys.REMOTE_TOOLS, source, at, new RemoteTools(found, lookedFor));
    }

    static Fact<SshServer> ssh(CollectContext ctx, Probe p, Instant at) {
        String source = "service sshd, " + SSHD_CONFIG + " (" + p.source() + ")";
        Probe.Section svc = p.section("services");
        if (!svc.ok()) {
            return Fact.unknown(FactKeys.REMOTE_SSH, source, at, svc.failure());
        }
        Service sshd = service(services(svc), "sshd");
        if (sshd == null) {
            return Fact.notApplicable(FactKeys.REMOTE_SSH, source, at,
                    Reason.of(Reason.NOT_INSTALLED, "no sshd service (OpenSSH Server is not installed)"));
        }
        FileContent cfg = ctx.files().read(SSHD_CONFIG);
        List<Integer> ports = null;
        Boolean password = null;
        Boolean kbd = null;
        if (cfg.ok()) {
            SshdSettings s = SshdSettings.parse(cfg.text());
            ports = s.ports().isEmpty() ? List.of(22) : s.ports();
            password = s.passwordAuthentication() == null || s.passwordAuthentication();
            kbd = s.kbdInteractive() == null || s.kbdInteractive();
        }
        return Fact.ok(FactKeys.REMOTE_SSH, source, at,
                new SshServer(sshd.running(), ports, password, kbd, null, cfg.ok() ? "sshd_config" : null));
    }

    /** The global section of an OpenSSH sshd_config (before any Match): first value wins, Port may repeat. */
    record SshdSettings(List<Integer> ports, Boolean passwordAuthentication, Boolean kbdInteractive) {
        static SshdSettings parse(String text) {
            List<Integer> ports = new ArrayList<>();
            Boolean pw = null;
            Boolean kbd = null;
            for (String raw : text.split("\r?\n")) {
                String l = raw.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] kv = l.split("[\\s=]+", 2);
                String key = kv[0].toLowerCase(Locale.ROOT);
                String val = kv.length > 1 ? kv[1].strip().toLowerCase(Locale.ROOT) : "";
                if (key.equals("match")) {
                    break;
                }
                switch (key) {
                    case "port" -> {
                        try {
                            ports.add(Integer.parseInt(val));
                        } catch (NumberFormatException ignored) {
                            // an invalid port stops sshd; nothing to report from it
                        }
                    }
                    case "passwordauthentication" -> pw = pw != null ? pw : val.equals("yes");
                    case "kbdinteractiveauthentication", "challengeresponseauthentication" -> kbd = kbd != null ? kbd : val.equals("yes");
                    default -> {
                    }
                }
            }
            return new SshdSettings(List.copyOf(ports), pw, kbd);
        }
    }
}

package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Exposure;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.Reason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code net.listeners}: listening TCP sockets and unconnected UDP sockets from the socket table (OSHI on the live
 * machine), each with its exposure from the bind address. When the table cannot be read, falls back to
 * {@code ss -Htulpn}. Without root, other users' sockets have no pid/process (null, never guessed).
 */
final class ListenerCollector implements Collector {

    static final Pattern SS_USERS = Pattern.compile("users:\\(\\(\"([^\"]*)\",pid=(\\d+)");

    @Override
    public String name() {
        return "listeners";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.NET_LISTENERS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        List<RawSocket> raw;
        String source = "socket table";
        try {
            raw = ctx.sockets().listening();
        } catch (Exception e) {
            CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), "ss", "-Htulpn");
            if (!r.ok()) {
                return List.of(Fact.unknown(FactKeys.NET_LISTENERS, "socket table", ctx.now(),
                        Reason.of(Reason.COMMAND_FAILED, "socket table: " + e.getMessage() + "; " + r.describe())));
            }
            try {
                raw = parseSs(r.stdout());
            } catch (IllegalArgumentException ex) {
                return List.of(Fact.unknown(FactKeys.NET_LISTENERS, "ss -Htulpn", ctx.now(),
                        Reason.of(Reason.UNPARSABLE_OUTPUT, ex.getMessage())));
            }
            source = "ss -Htulpn";
        }
        return List.of(Fact.ok(FactKeys.NET_LISTENERS, source, ctx.now(), new Listeners(toListeners(raw))));
    }

    /** Pure: raw sockets → listeners, deduplicated and sorted (protocol, port, address). */
    static List<Listener> toListeners(List<RawSocket> raw) {
        LinkedHashSet<Listener> out = new LinkedHashSet<>();
        for (RawSocket s : raw) {
            out.add(new Listener(s.protocol(), s.address(), s.port(), s.pid(), s.process(), Exposure.ofBindAddress(s.address())));
        }
        List<Listener> l = new ArrayList<>(out);
        l.sort(Comparator.comparing(Listener::protocol).thenComparingInt(Listener::port)
                .thenComparing(x -> x.address() == null ? "" : x.address()));
        return l;
    }

    /**
     * Pure: {@code ss -Htulpn} lines {@code Netid State Recv-Q Send-Q Local:Port Peer:Port [users:((…))]}; only
     * LISTEN (tcp) and UNCONN (udp).
     */
    static List<RawSocket> parseSs(String out) {
        List<RawSocket> l = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 6) {
                throw new IllegalArgumentException("short ss line: " + line.strip());
            }
            String proto = f[0];
            if (!(proto.equals("tcp") && f[1].equals("LISTEN") || proto.equals("udp") && f[1].equals("UNCONN"))) {
                continue;
            }
            String local = f[4];
            int colon = local.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no port in " + local);
            }
            String addr = local.substring(0, colon);
            int pct = addr.indexOf('%');
            if (pct >= 0) {
                addr = addr.substring(0, pct);
            }
            if (addr.startsWith("[") && addr.endsWith("]")) {
                addr = addr.substring(1, addr.length() - 1);
            }
            if (addr.equals("*")) {
                addr = "0.0.0.0";
            }
            int port;
            try {
                port = Integer.parseInt(local.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in " + local);
            }
            Matcher m = SS_USERS.matcher(line);
            Integer pid = null;
            String name = null;
            if (m.find()) {
                name = m.group(1);
                pid = Integer.parseInt(m.group(2));
            }
            l.add(new RawSocket(proto, addr, port, pid, name));
        }
        return l;
    }
}

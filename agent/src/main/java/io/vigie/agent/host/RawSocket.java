package io.vigie.agent.host;

import io.vigie.checks.fact.Exposure;
import io.vigie.checks.fact.Listener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * A listening socket as the OS socket table reports it.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param address  bind address (textual, without brackets)
 * @param port     local port
 * @param pid      owning process id, or null when hidden
 * @param process  process name, or null when hidden
 */
public record RawSocket(String protocol, String address, int port, Integer pid, String process) {

    /**
     * Pure, shared by every platform: raw sockets → {@code net.listeners} entries, each with its exposure
     * from the bind address (a blank address is the wildcard {@code *}, reachable from the network),
     * deduplicated and sorted by protocol, port, address.
     */
    public static List<Listener> toListeners(List<RawSocket> raw) {
        LinkedHashSet<Listener> out = new LinkedHashSet<>();
        for (RawSocket s : raw) {
            String address = s.address() == null || s.address().isBlank() ? "*" : s.address();
            String proto = s.protocol() == null ? "tcp" : s.protocol().toLowerCase(Locale.ROOT);
            out.add(new Listener(proto, address, s.port(), s.pid(), s.process(),
                    "*".equals(address) ? Exposure.NETWORK : Exposure.ofBindAddress(address)));
        }
        List<Listener> list = new ArrayList<>(out);
        list.sort(Comparator.comparing(Listener::protocol).thenComparingInt(Listener::port)
                .thenComparing(Listener::address));
        return list;
    }

    /** Linux {@code comm} (what {@code /proc/<pid>/comm} and the socket table give) keeps 15 characters (TASK_COMM_LEN 16). */
    static final int LINUX_COMM_LENGTH = 15;

    /**
     * Pure, shared by every platform: whether the socket's reported process is the known one. Names are compared
     * normalised: case-insensitively, without a Windows {@code .exe} suffix (product data names {@code AnyDesk.exe};
     * OSHI's Windows socket table reports the process name without its extension), and a name cut at the Linux
     * {@code comm} length matches the longer known one.
     */
    public static boolean sameProcess(String known, String reported) {
        if (known == null || reported == null) {
            return false;
        }
        String k = normalisedProcess(known);
        String r = normalisedProcess(reported);
        if (k.isEmpty() || r.isEmpty()) {
            return false;
        }
        return k.equals(r) || (r.length() == LINUX_COMM_LENGTH && k.length() > LINUX_COMM_LENGTH && k.startsWith(r));
    }

    static String normalisedProcess(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        if (slash >= 0) {
            n = n.substring(slash + 1);
        }
        return n.endsWith(".exe") ? n.substring(0, n.length() - 4) : n;
    }
}

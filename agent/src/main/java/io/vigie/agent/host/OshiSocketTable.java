package io.vigie.agent.host;

import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.InternetProtocolStats.IPConnection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live {@link SocketTable} on OSHI's {@code InternetProtocolStats.getConnections()}: TCP sockets in LISTEN, and
 * UDP sockets with no remote peer (foreign port 0). OSHI reports an unknown owner as pid -1 (another user's socket
 * without root): that becomes null. The process name is the kernel's {@code comm} ({@code /proc/<pid>/comm} on
 * Linux, else OSHI's process name).
 */
public final class OshiSocketTable implements SocketTable {

    private final SystemInfo si;

    public OshiSocketTable() {
        this(new SystemInfo());
    }

    OshiSocketTable(SystemInfo si) {
        this.si = si;
    }

    @Override
    public List<RawSocket> listening() {
        InternetProtocolStats stats = si.getOperatingSystem().getInternetProtocolStats();
        List<IPConnection> conns = stats.getConnections();
        Set<RawSocket> out = new LinkedHashSet<>();
        Map<Integer, String> names = new HashMap<>();
        for (IPConnection c : conns) {
            String type = c.getType() == null ? "" : c.getType().toLowerCase(Locale.ROOT);
            String proto;
            if (type.startsWith("tcp")) {
                if (c.getState() != InternetProtocolStats.TcpState.LISTEN) {
                    continue;
                }
                proto = "tcp";
            } else if (type.startsWith("udp")) {
                if (c.getForeignPort() != 0) {
                    continue;
                }
                proto = "udp";
            } else {
                continue;
            }
            int pid = c.getowningProcessId();
            Integer p = pid > 0 ? pid : null;
            String name = p == null ? null : names.computeIfAbsent(p, this::processName);
            out.add(new RawSocket(proto, address(c.getLocalAddress()), c.getLocalPort(), p, name));
        }
        return new ArrayList<>(out);
    }

    /** Textual bind address; an empty address (OSHI's wildcard) is "0.0.0.0" or "::" by length. */
    static String address(byte[] a) {
        if (a == null || a.length == 0) {
            return "0.0.0.0";
        }
        try {
            String s = InetAddress.getByAddress(a).getHostAddress();
            if (a.length == 16) {
                boolean zero = true;
                for (byte b : a) {
                    zero &= b == 0;
                }
                if (zero) {
                    return "::";
                }
                if (s.equals("0:0:0:0:0:0:0:1")) {
                    return "::1";
                }
            }
            int pct = s.indexOf('%');
            return pct >= 0 ? s.substring(0, pct) : s;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private String processName(int pid) {
        Path comm = Path.of("/proc", Integer.toString(pid), "comm");
        try {
            if (Files.isReadable(comm)) {
                return new String(Files.readAllBytes(comm), StandardCharsets.UTF_8).strip();
            }
        } catch (Exception ignored) {
            // fall back to OSHI
        }
        try {
            var proc = si.getOperatingSystem().getProcess(pid);
            return proc == null ? null : proc.getName();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package io.vigie.agent.discover;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The machine's IPv4 interfaces and whether this process may capture packets. Read-only. */
final class NetInfo {

    /** Bit of CAP_NET_RAW in the capability sets (linux/capability.h). */
    static final int CAP_NET_RAW = 13;

    /**
     * An interface with an IPv4 address.
     *
     * @param name    OS name (eth0, enp3s0…)
     * @param address its IPv4 address
     * @param network its network
     * @param mac     hardware address, or null (loopback, tunnels)
     */
    record Iface(String name, int address, Cidr network, byte[] mac) {
    }

    private NetInfo() {
    }

    static List<Iface> interfaces() {
        List<Iface> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                    if (ia.getAddress() instanceof Inet4Address a) {
                        int ip = Cidr.toInt(a);
                        out.add(new Iface(ni.getName(), ip, new Cidr(ip, ia.getNetworkPrefixLength()), ni.getHardwareAddress()));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return out;
    }

    /** Effective capability CAP_NET_RAW from a /proc/self/status text (the {@code CapEff:} hex mask). */
    static boolean hasNetRaw(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (mask & (1L << CAP_NET_RAW)) != 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Whether this process may capture: Linux CapEff has CAP_NET_RAW (root has it), elsewhere root. */
    static boolean mayCapture() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                return hasNetRaw(Files.readString(status));
            } catch (IOException e) {
                return false;
            }
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Complete entries of the kernel's ARP table for one interface, IP → MAC ({@code /proc/net/arp}:
     * "IP address  HW type  Flags  HW address  Mask  Device"; flag 0x2 = complete).
     */
    static Map<Integer, String> parseProcArp(String text, String device) {
        Map<Integer, String> out = new HashMap<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 6 || (device != null && !device.equals(f[5]))) {
                continue;
            }
            try {
                int flags = Integer.decode(f[2]);
                if ((flags & 0x2) == 0 || "00:00:00:00:00:00".equals(f[3])) {
                    continue;
                }
                out.put(Cidr.parseIpv4(f[0]), f[3].toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // skip a line we do not understand
            }
        }
        return out;
    }

    static Map<Integer, String> kernelArp(String device) {
        Path p = Path.of("/proc/net/arp");
        if (!Files.isReadable(p)) {
            return Map.of();
        }
        try {
            return parseProcArp(Files.readString(p), device);
        } catch (IOException e) {
            return Map.of();
        }
    }
}

package io.vigie.agent.discover;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 network in CIDR notation. The address is normalised to the network address.
 *
 * @param network network address as an unsigned 32-bit value held in an int
 * @param prefix  prefix length, 0–32
 */
public record Cidr(int network, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
        network = network & mask(prefix);
    }

    /** Parses {@code a.b.c.d/n} (a bare address means /32). Host bits are cleared. */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty subnet");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR subnet: " + text);
        }
        return new Cidr(parseIpv4(addr), prefix);
    }

    public static Cidr of(InetAddress address, int prefix) {
        return new Cidr(toInt(address), prefix);
    }

    /** Parses dotted-quad IPv4 only (no names, no shortened forms). */
    public static int parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static int toInt(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("not IPv4: " + a);
        }
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public static Inet4Address toAddress(int v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String format(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : (int) (0xffffffffL << (32 - prefix));
    }

    /** Number of addresses in the block. */
    public long size() {
        return 1L << (32 - prefix);
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    /**
     * Addresses worth probing: all but the network and broadcast addresses for prefixes up to /30;
     * every address for /31 and /32 (RFC 3021 point-to-point, single host).
     */
    public List<Integer> hosts() {
        List<Integer> out = new ArrayList<>();
        long first = network & 0xffffffffL;
        long last = first + size() - 1;
        if (prefix <= 30) {
            first++;
            last--;
        }
        for (long a = first; a <= last; a++) {
            out.add((int) a);
        }
        return out;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}

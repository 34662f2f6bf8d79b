package io.vigie.agent.discover;

/**
 * Ethernet ARP frames (RFC 826), built and read by hand: 42 bytes, too small to justify pcap4j's packet
 * factory (which costs start-up time). Pure functions.
 */
final class ArpFrames {

    static final int FRAME_LENGTH = 42;

    /** An ARP reply's sender. */
    record Sender(int ip, byte[] mac) {
    }

    private ArpFrames() {
    }

    /** A broadcast "who has {@code targetIp}? tell {@code srcIp}" request. */
    static byte[] request(byte[] srcMac, int srcIp, int targetIp) {
        if (srcMac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes");
        }
        byte[] f = new byte[FRAME_LENGTH];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) 0xff;                 // destination: broadcast
        }
        System.arraycopy(srcMac, 0, f, 6, 6);   // source
        f[12] = 0x08;
        f[13] = 0x06;                           // EtherType ARP
        f[14] = 0x00;
        f[15] = 0x01;                           // hardware type Ethernet
        f[16] = 0x08;
        f[17] = 0x00;                           // protocol IPv4
        f[18] = 6;
        f[19] = 4;
        f[20] = 0x00;
        f[21] = 0x01;                           // operation: request
        System.arraycopy(srcMac, 0, f, 22, 6);  // sender hardware address
        putInt(f, 28, srcIp);                   // sender protocol address
        // target hardware address 32..37 stays zero
        putInt(f, 38, targetIp);
        return f;
    }

    /** The sender of an ARP reply for IPv4 over Ethernet, or null when the frame is anything else. */
    static Sender parseReply(byte[] f) {
        if (f == null || f.length < FRAME_LENGTH) {
            return null;
        }
        if ((f[12] & 0xff) != 0x08 || (f[13] & 0xff) != 0x06) {
            return null;
        }
        if (u16(f, 14) != 1 || u16(f, 16) != 0x0800 || f[18] != 6 || f[19] != 4 || u16(f, 20) != 2) {
            return null;
        }
        byte[] mac = new byte[6];
        System.arraycopy(f, 22, mac, 0, 6);
        int ip = ((f[28] & 0xff) << 24) | ((f[29] & 0xff) << 16) | ((f[30] & 0xff) << 8) | (f[31] & 0xff);
        return new Sender(ip, mac);
    }

    private static int u16(byte[] f, int off) {
        return ((f[off] & 0xff) << 8) | (f[off + 1] & 0xff);
    }

    private static void putInt(byte[] f, int off, int v) {
        f[off] = (byte) (v >>> 24);
        f[off + 1] = (byte) (v >>> 16);
        f[off + 2] = (byte) (v >>> 8);
        f[off + 3] = (byte) v;
    }
}

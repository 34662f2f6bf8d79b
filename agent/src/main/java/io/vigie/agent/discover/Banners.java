package io.vigie.agent.discover;

import java.nio.charset.StandardCharsets;

/**
 * Turns the first bytes a server sends, unasked, into a short printable banner. Pure functions.
 * Discovery never answers a greeting: it reads what is offered, then closes.
 */
public final class Banners {

    /** Banners are cut to this many characters. */
    public static final int MAX_LENGTH = 160;

    private Banners() {
    }

    /** Whether enough has arrived to stop reading early (a full first line, or a complete greeting). */
    static boolean complete(String kind, byte[] data, int length) {
        if (length == 0) {
            return false;
        }
        if ("vnc".equals(kind)) {
            return length >= 12;
        }
        if ("mysql".equals(kind)) {
            if (length < 5) {
                return false;
            }
            int payload = (data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16;
            return length >= 4 + payload || length >= 64;
        }
        for (int i = 0; i < length; i++) {
            if (data[i] == '\n') {
                return !"telnet".equals(kind) || hasText(data, i);
            }
        }
        return false;
    }

    private static boolean hasText(byte[] data, int upTo) {
        for (int i = 0; i < upTo; i++) {
            int b = data[i] & 0xff;
            if (b >= 0x21 && b < 0x7f && !(i > 0 && (data[i - 1] & 0xff) == 0xff)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a greeting.
     *
     * @param kind {@code ssh}, {@code text} (FTP, SMTP-like: first line), {@code telnet} (strip IAC
     *             negotiation), {@code vnc} (RFB version), {@code mysql} (server version from the handshake)
     * @return the banner, or null when nothing usable was sent
     */
    public static String parse(String kind, byte[] data, int length) {
        if (data == null || length <= 0) {
            return null;
        }
        return switch (kind) {
            case "ssh" -> ssh(data, length);
            case "telnet" -> firstLine(stripTelnet(data, length));
            case "vnc" -> vnc(data, length);
            case "mysql" -> mysql(data, length);
            default -> firstLine(new String(data, 0, length, StandardCharsets.ISO_8859_1));
        };
    }

    /** RFC 4253 §4.2: the identification line starts with {@code SSH-}; earlier lines may precede it. */
    static String ssh(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("SSH-")) {
                return clean(line);
            }
        }
        return null;
    }

    /** RFC 6143 §7.1.1: "RFB xxx.yyy\n". */
    static String vnc(byte[] data, int length) {
        String text = new String(data, 0, Math.min(length, 12), StandardCharsets.ISO_8859_1);
        return text.startsWith("RFB ") ? clean(text) : null;
    }

    /** MySQL protocol v10 initial handshake: 4-byte header, 0x0a, NUL-terminated server version. */
    static String mysql(byte[] data, int length) {
        if (length < 6 || (data[4] & 0xff) != 0x0a) {
            return null;
        }
        int end = 5;
        while (end < length && data[end] != 0) {
            end++;
        }
        String v = clean(new String(data, 5, end - 5, StandardCharsets.ISO_8859_1));
        return v == null ? null : "MySQL " + v;
    }

    /** Removes Telnet IAC sequences (RFC 854/855): IAC cmd opt, IAC SB … IAC SE, IAC IAC = 0xff. */
    static String stripTelnet(byte[] data, int length) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < length) {
            int b = data[i] & 0xff;
            if (b != 0xff) {
                sb.append((char) b);
                i++;
                continue;
            }
            if (i + 1 >= length) {
                break;
            }
            int cmd = data[i + 1] & 0xff;
            if (cmd == 0xff) {
                sb.append((char) 0xff);
                i += 2;
            } else if (cmd == 250) { // SB … IAC SE
                int j = i + 2;
                while (j + 1 < length && !((data[j] & 0xff) == 0xff && (data[j + 1] & 0xff) == 240)) {
                    j++;
                }
                i = j + 2;
            } else if (cmd >= 251 && cmd <= 254) { // WILL WONT DO DONT + option
                i += 3;
            } else {
                i += 2;
            }
        }
        return sb.toString();
    }

    private static String firstLine(String text) {
        for (String line : text.split("\r?\n|\r", -1)) {
            String c = clean(line);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Keeps printable characters, trims, cuts to {@link #MAX_LENGTH}; null when nothing is left. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && !Character.isISOControl(c) && c != 0xfffd) ? c : ' ');
        }
        String t = sb.toString().strip().replaceAll(" {2,}", " ");
        if (t.isEmpty()) {
            return null;
        }
        return t.length() > MAX_LENGTH ? t.substring(0, MAX_LENGTH) : t;
    }
}

package io.vigie.agent.discover;

import io.vigie.checks.rule.lan.MacAddresses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * MAC address → vendor, from the IEEE registries as Debian's {@code ieee-data} ships them, compacted by
 * {@code agent/src/test/lab/gen-oui.py} into {@code oui.tsv.gz}. Longest prefix wins (MA-S 36 bits,
 * MA-M 28 bits, MA-L 24 bits). Locally administered addresses (randomised by phones and laptops) have
 * no vendor.
 */
public final class Oui {

    private static volatile Oui defaults;

    private final Map<String, String> byPrefix;
    private final String source;

    Oui(Map<String, String> byPrefix, String source) {
        this.byPrefix = byPrefix;
        this.source = source;
    }

    /** The shipped table, loaded once. */
    public static Oui defaults() {
        Oui o = defaults;
        if (o == null) {
            synchronized (Oui.class) {
                o = defaults;
                if (o == null) {
                    try (InputStream in = Oui.class.getResourceAsStream("oui.tsv.gz")) {
                        if (in == null) {
                            throw new IllegalStateException("oui.tsv.gz missing");
                        }
                        o = read(new GZIPInputStream(in, 1 << 16));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    defaults = o;
                }
            }
        }
        return o;
    }

    /** Reads the compact format: '#' comments, then {@code PREFIX<TAB>ORGANIZATION} lines. */
    static Oui read(InputStream in) throws IOException {
        Map<String, String> map = new HashMap<>(65536);
        String source = null;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("#")) {
                if (line.startsWith("# source: ")) {
                    source = line.substring("# source: ".length());
                }
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab == 6 || tab == 7 || tab == 9) {
                map.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return new Oui(map, source);
    }

    public int size() {
        return byPrefix.size();
    }

    /** Where the table comes from (package and version). */
    public String source() {
        return source;
    }

    /** Normalises "aa:bb:cc:dd:ee:ff", "AA-BB-…", "aabb.ccdd.eeff" to 12 upper-case hex digits, or null. */
    static String hex(String mac) {
        return MacAddresses.hex(mac);
    }

    /** True for locally administered addresses (second-lowest bit of the first octet). */
    public static boolean locallyAdministered(String mac) {
        return MacAddresses.locallyAdministered(mac);
    }

    public Optional<String> vendor(String mac) {
        String h = hex(mac);
        if (h == null || locallyAdministered(h)) {
            return Optional.empty();
        }
        for (int len : new int[]{9, 7, 6}) {
            String v = byPrefix.get(h.substring(0, len));
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Formats 6 bytes as lower-case colon-separated hex. */
    public static String format(byte[] mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < mac.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02x", mac[i] & 0xff));
        }
        return sb.toString();
    }
}

package io.vigie.checks.rule.lan;

/** MAC address helpers shared by discovery (vendor lookup) and the LAN rules. Pure. */
public final class MacAddresses {

    private MacAddresses() {
    }

    /** Normalises "aa:bb:cc:dd:ee:ff", "AA-BB-…", "aabb.ccdd.eeff" to 12 upper-case hex digits, or null. */
    public static String hex(String mac) {
        if (mac == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < mac.length(); i++) {
            char c = mac.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                sb.append(Character.toUpperCase(c));
            } else if (c != ':' && c != '-' && c != '.') {
                return null;
            }
        }
        return sb.length() == 12 ? sb.toString() : null;
    }

    /**
     * True for locally administered addresses (second-lowest bit of the first octet), which phones and
     * laptops randomise: such an address names no maker.
     */
    public static boolean locallyAdministered(String mac) {
        String h = hex(mac);
        return h != null && (Integer.parseInt(h.substring(0, 2), 16) & 0x02) != 0;
    }
}

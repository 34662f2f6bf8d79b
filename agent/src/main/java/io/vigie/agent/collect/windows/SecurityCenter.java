package io.vigie.agent.collect.windows;

/**
 * Decoding of Windows Security Center's {@code productState}. Microsoft does not document it; the community
 * decoding used by osquery, Wazuh and many scripts reads three bytes: {@code s & 0xF000} = engine state (0x0000
 * off, 0x1000 on, 0x2000 snoozed, 0x3000 expired) and {@code s & 0xF0} = signatures (0x00 up to date, 0x10 out of
 * date). Example: 397568 (0x61100) = on, up to date; 393472 (0x60100) = off; 397584 (0x61110) = on, out of date.
 */
final class SecurityCenter {

    private SecurityCenter() {
    }

    static boolean on(long state) {
        return (state & 0xF000) == 0x1000;
    }

    static boolean upToDate(long state) {
        return (state & 0xF0) == 0x00;
    }

    static String engine(long state) {
        return switch ((int) (state & 0xF000)) {
            case 0x0000 -> "off";
            case 0x1000 -> "on";
            case 0x2000 -> "snoozed";
            case 0x3000 -> "expired";
            default -> "unknown";
        };
    }
}

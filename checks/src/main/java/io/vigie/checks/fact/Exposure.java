package io.vigie.checks.fact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Who can reach a service: {@code local} (loopback only), {@code network} (a non-loopback address),
 * {@code internet} only when proven by an outside-in check or an expert's observation.
 */
public enum Exposure {
    LOCAL, NETWORK, INTERNET;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Exposure fromJson(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Exposure of a socket bound to {@code address}: wildcard or any non-loopback address is network. */
    public static Exposure ofBindAddress(String address) {
        if (address == null) {
            return NETWORK;
        }
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.equalsIgnoreCase("localhost")
                || a.startsWith("::ffff:127.")) {
            return LOCAL;
        }
        return NETWORK;
    }
}

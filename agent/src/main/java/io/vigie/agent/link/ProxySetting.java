package io.vigie.agent.link;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTPS proxy to reach a console: {@code --proxy}, else {@code HTTPS_PROXY} / {@code https_proxy} unless the
 * console's host is listed in {@code NO_PROXY} / {@code no_proxy}. Forms: {@code http://host:port},
 * {@code host:port} (port 3128 when absent). The agent asks the proxy for a tunnel ({@code CONNECT}); TLS and the
 * key pin still run end to end with the console. Proxy passwords are not supported.
 */
public final class ProxySetting {

    private ProxySetting() {
    }

    public static Optional<InetSocketAddress> select(String option, Map<String, String> env, URI console) {
        String value = option;
        if (value == null || value.isBlank()) {
            value = first(env, "HTTPS_PROXY", "https_proxy");
            if (value == null || value.isBlank() || console != null && noProxy(first(env, "NO_PROXY", "no_proxy"), console.getHost())) {
                return Optional.empty();
            }
        }
        String v = value.trim();
        URI u = URI.create(v.contains("://") ? v : "http://" + v);
        if (u.getHost() == null) {
            throw new IllegalArgumentException("proxy: host:port or http://host:port expected, not " + value);
        }
        if (u.getUserInfo() != null) {
            throw new IllegalArgumentException("proxy: a proxy password is not supported (" + u.getHost() + ")");
        }
        int port = u.getPort() > 0 ? u.getPort() : 3128;
        return Optional.of(new InetSocketAddress(u.getHost(), port));
    }

    public static boolean noProxy(String list, String host) {
        if (list == null || host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String raw : list.split(",")) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                return true;
            }
            String suffix = e.startsWith(".") ? e : "." + e;
            if (h.equals(e.startsWith(".") ? e.substring(1) : e) || h.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

}

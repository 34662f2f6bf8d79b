package io.vigie.checks.fact;

/**
 * A listening socket.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param address  bind address ("0.0.0.0", "::", "127.0.0.1"…)
 * @param port     port
 * @param pid      owning process id; null when hidden (another user's socket without root)
 * @param process  process name; null when hidden
 * @param exposure {@code local} or {@code network}
 */
public record Listener(String protocol, String address, int port, Integer pid, String process, Exposure exposure) {
}

package io.vigie.agent.host;

/**
 * A listening socket as the OS socket table reports it.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param address  bind address (textual, without brackets)
 * @param port     local port
 * @param pid      owning process id, or null when hidden
 * @param process  process name, or null when hidden
 */
public record RawSocket(String protocol, String address, int port, Integer pid, String process) {
}

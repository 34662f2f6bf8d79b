package io.vigie.checks.report;

/**
 * An open service found on a LAN device.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param port     port
 * @param service  ssh, rdp, smb, telnet…
 * @param banner   the greeting the service sent, if any (SSH version, FTP banner)
 */
public record LanService(String protocol, int port, String service, String banner) {
}

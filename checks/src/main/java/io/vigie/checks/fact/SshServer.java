package io.vigie.checks.fact;

import java.util.List;

/**
 * The SSH server's effective settings.
 *
 * @param running                whether sshd runs (or is socket-activated)
 * @param ports                  configured ports
 * @param passwordAuthentication PasswordAuthentication
 * @param kbdInteractive         KbdInteractiveAuthentication (also lets passwords in)
 * @param permitRootLogin        yes, no, prohibit-password, forced-commands-only
 * @param configSource           {@code sshd -T} (effective, root) or {@code sshd_config} (files, first value wins)
 */
public record SshServer(
        Boolean running,
        List<Integer> ports,
        Boolean passwordAuthentication,
        Boolean kbdInteractive,
        String permitRootLogin,
        String configSource) {
}

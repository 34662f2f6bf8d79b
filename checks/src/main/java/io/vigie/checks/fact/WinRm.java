package io.vigie.checks.fact;

import java.util.List;

/**
 * Windows Remote Management.
 *
 * @param serviceRunning  the WinRM service runs
 * @param listenerPorts   ports of configured listeners (5985 HTTP, 5986 HTTPS)
 * @param unencrypted     AllowUnencrypted is set on the service
 */
public record WinRm(Boolean serviceRunning, List<Integer> listenerPorts, Boolean unencrypted) {
}

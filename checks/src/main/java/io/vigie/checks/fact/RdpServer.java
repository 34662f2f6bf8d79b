package io.vigie.checks.fact;

/**
 * Remote Desktop (RDP) settings.
 *
 * @param enabled        connections allowed (fDenyTSConnections = 0)
 * @param nlaRequired    Network Level Authentication required (UserAuthentication = 1)
 * @param port           listening port (PortNumber)
 * @param policyOverride a group policy sets these values
 */
public record RdpServer(Boolean enabled, Boolean nlaRequired, Integer port, Boolean policyOverride) {
}

package io.vigie.checks.fact;

import java.util.List;

/**
 * A remote-control product (TeamViewer, AnyDesk, RustDesk, VNC server…).
 *
 * @param name           product
 * @param installed      found installed
 * @param running        its service or process runs
 * @param listeningPorts ports it listens on (listening TeamViewer = LAN mode)
 */
public record RemoteTool(String name, Boolean installed, Boolean running, List<Integer> listeningPorts) {
}

package io.vigie.console.web.view;

/** A device that has not reported for too long. */
public record SilentRow(String deviceId, String hostname, String organisation, String lastSeen) {
}

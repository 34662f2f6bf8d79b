package io.vigie.console.web.view;

/** A device found on the local network, and its open services. */
public record LanRow(String address, String name, String vendor, String deviceClass, String services) {
}

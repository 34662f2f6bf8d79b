package io.vigie.console.store;

/** The result of a successful enrollment: the device's identity and its secret (shown once, stored hashed). */
public record Enrolled(DeviceIdentity device, String secret) {
}

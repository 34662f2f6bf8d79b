package io.vigie.checks.plan;

import java.time.Instant;

/** The owner's swap of a priority measure ({@code out}) for another ({@code in}), logged with who, when and why. */
public record Swap(String out, String in, String who, Instant when, String why) {
}

package io.vigie.checks.fact;

import java.time.Instant;

/**
 * An antivirus or EDR product.
 *
 * @param name                 product (Microsoft Defender, ClamAV, CrowdStrike…)
 * @param enabled              the engine is on
 * @param realTime             real-time (on-access) protection is on
 * @param signaturesUpdatedAt  last signature update (UTC)
 * @param upToDate             the product itself says its signatures are current
 * @param mode                 {@code normal}, {@code passive}, {@code edr-block}…
 * @param edr                  the product is an EDR (detection and response)
 */
public record AvProduct(
        String name,
        Boolean enabled,
        Boolean realTime,
        Instant signaturesUpdatedAt,
        Boolean upToDate,
        String mode,
        Boolean edr) {
}

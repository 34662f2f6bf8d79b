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
 * @param stateSource          what decided {@code enabled}/{@code realTime}: {@code security-center} (Windows Security
 *                             Center's productState), {@code defender} (Get-MpComputerStatus), {@code service} (a running
 *                             service only); null when not said
 */
public record AvProduct(
        String name,
        Boolean enabled,
        Boolean realTime,
        Instant signaturesUpdatedAt,
        Boolean upToDate,
        String mode,
        Boolean edr,
        String stateSource) {

    public static final String FROM_SECURITY_CENTER = "security-center";
    public static final String FROM_DEFENDER = "defender";
    public static final String FROM_SERVICE = "service";

    public AvProduct(String name, Boolean enabled, Boolean realTime, Instant signaturesUpdatedAt, Boolean upToDate,
                     String mode, Boolean edr) {
        this(name, enabled, realTime, signaturesUpdatedAt, upToDate, mode, edr, null);
    }
}

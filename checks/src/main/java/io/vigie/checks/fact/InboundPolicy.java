package io.vigie.checks.fact;

/** What a firewall does with an inbound connection no rule mentions. */
public enum InboundPolicy {
    ALLOW, BLOCK
}

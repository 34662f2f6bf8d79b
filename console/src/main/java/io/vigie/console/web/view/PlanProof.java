package io.vigie.console.web.view;

/**
 * How the agents' reports prove a measure, in words.
 *
 * @param rules          what the reports must show (rule titles, joined)
 * @param days           how long without a break
 * @param verified       proven now: « vérifié »
 * @param provenSince    since when the current unbroken run of good reports lasts (null: none)
 * @param contradictedAt when a report contradicted a measure that was proven (null: never)
 */
public record PlanProof(String rules, int days, boolean verified, String provenSince, String contradictedAt) {
}

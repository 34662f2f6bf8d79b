package io.vigie.console.web.view;

import java.util.List;

/**
 * One measure of the plan as the plan page shows it.
 *
 * @param anchor      the question id made safe for an HTML id ({@code 9-1})
 * @param ownerValue  the name typed by people (empty: the plan's default role is shown in {@code owner})
 * @param dueValue    the due date typed by people, ISO (empty: none, {@code deadline} shows the plan's)
 * @param statusValue the status people set (A_FAIRE, EN_COURS, FAIT), whatever the evidence says
 * @param status      the effective status in words (« vérifié » comes from the evidence only)
 * @param proof       how the agents' reports prove it, or null for a measure that rests on people's word
 * @param rankReason  one sentence saying why it stands at its place (checks' risk model)
 */
public record PlanMeasure(String questionId, String anchor, int rank, String title, String why, String how,
                          String theme, String effort, String cost, boolean project, boolean urgent, boolean priority,
                          String owner, String ownerValue, String deadline, String dueValue, String status,
                          String statusValue, boolean verified, List<PlanLink> links, PlanProof proof,
                          String rankReason) {
}

package io.vigie.checks.plan;

import io.vigie.checks.scoring.RiskModel;

/**
 * One measure of the plan.
 *
 * @param questionId the question it answers (also the recommendation id)
 * @param level      niveau 1 or 2
 * @param value      the answer value v it starts from
 * @param urgent     it fixes an urgence (placed first)
 * @param priority   the measure's risk ({@link RiskModel}): S × extent × W × X
 * @param criticality C
 * @param effort     Ef
 * @param exposure   X = 1.5 applied (a fact shows live exposure)
 * @param rank       1-based position in the total order
 * @param owner      owner role
 * @param deadline   {@code M+1}, {@code M+3}, {@code M+6} for the six priority measures, null otherwise
 * @param status     current status
 * @param risk       the parts of {@code priority}, for the one-sentence explanation ({@link RiskModel#explain})
 */
public record PlanItem(String questionId, int level, double value, boolean urgent, double priority, int criticality,
                       int effort, boolean exposure, int rank, String owner, String deadline, Status status,
                       RiskModel.Risk risk) {

    PlanItem withDeadline(String d) {
        return new PlanItem(questionId, level, value, urgent, priority, criticality, effort, exposure, rank, owner, d,
                status, risk);
    }
}

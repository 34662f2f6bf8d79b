package io.vigie.checks.scoring;

/**
 * How one question was resolved.
 *
 * @param questionId     question id
 * @param themeId        its theme
 * @param applicable     false when the context makes it « non concerné »
 * @param declared       the owner's value (null: none, « non concerné », or « je ne sais pas » — see {@code declaredAnswer})
 * @param declaredAnswer the owner's answer id, if any
 * @param observed       the expert's observed value (null: none or « non concerné »)
 * @param measured       the measured answer, null when no active evidence or no device counted
 * @param proposal       the proposed value (null: excluded or nothing to propose)
 * @param proposalSource where the proposal comes from
 * @param value          the final value used in the grade; null when excluded
 * @param excluded       not applicable or answered « non concerné »: out of the grade
 * @param source         where the final value comes from (null when nothing was answered)
 * @param signedOff      the expert signed the answer off
 * @param overridden     the expert replaced a measured answer
 * @param overrideReason the written reason of the override
 * @param conflict       a declared-vs-evidence gap, if any
 * @param toVerify       « je ne sais pas » or no answer at all: counts 0 and is flagged « à vérifier »
 * @param liveExposure   a fact shows the weakness exposed right now (priority factor X)
 */
public record QuestionResult(
        String questionId,
        String themeId,
        boolean applicable,
        Double declared,
        String declaredAnswer,
        Double observed,
        Measured measured,
        Double proposal,
        Source proposalSource,
        Double value,
        boolean excluded,
        Source source,
        boolean signedOff,
        boolean overridden,
        String overrideReason,
        Conflict conflict,
        boolean toVerify,
        boolean liveExposure) {
}

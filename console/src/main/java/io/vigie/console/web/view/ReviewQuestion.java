package io.vigie.console.web.view;

import java.util.List;

/**
 * One question of the referential in the expert review, everything in words: the owner's declared answer, the
 * measured answer (with its share and flags), the expert's observation, the proposal and the final answer with
 * their sources; the conflict ({@code optimiste}, {@code pessimiste} or null); the choices of the forms.
 *
 * @param expertOnly     an E question: only the expert answers it
 * @param applicable     false: « non concerné » given the context (no form)
 * @param measuredFlags  « plafonnée », « ancienne » … (null: none)
 * @param observedId     the observation's answer id (selected in the form), or null
 * @param signOffId      the signed-off answer id (null: the proposal was accepted, or not signed off)
 * @param staleSignOff   a sign-off set aside because the measure changed: to sign off again
 * @param canAccept      there is a proposal to accept
 */
public record ReviewQuestion(String id, String anchor, String text, boolean expertOnly, boolean applicable,
                             String declared, String measured, String measuredFlags, String observed, String observedId,
                             String proposal, String proposalSource, String finalAnswer, String finalSource,
                             boolean signedOff, String signOffId, boolean overridden, String reason, String conflict,
                             boolean toVerify, boolean staleSignOff, boolean canAccept, List<Choice> choices) {
}

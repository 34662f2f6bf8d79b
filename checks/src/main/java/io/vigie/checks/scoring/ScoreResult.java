package io.vigie.checks.scoring;

import java.util.List;
import java.util.Map;

/**
 * The outcome of scoring a diagnostic.
 *
 * @param referentialId      referential id used
 * @param referentialVersion referential version used
 * @param questions          each question's resolution, in referential order
 * @param grades             grades on the final answers
 * @param declarative        « score déclaratif »: the same formula on the owner's answers to D questions only
 * @param urgences           urgent issues
 * @param signals            other warnings
 */
public record ScoreResult(
        String referentialId,
        String referentialVersion,
        Map<String, QuestionResult> questions,
        Grades grades,
        Grades declarative,
        List<Urgence> urgences,
        List<Signal> signals) {

    public QuestionResult question(String id) {
        QuestionResult r = questions.get(id);
        if (r == null) {
            throw new IllegalArgumentException("unknown question " + id);
        }
        return r;
    }
}

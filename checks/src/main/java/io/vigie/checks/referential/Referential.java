package io.vigie.checks.referential;

import io.vigie.checks.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The referential as versioned data ({@code io/vigie/checks/referential/referential.json}): 15 themes, context
 * questions, 62 scored questions with their answers and evidence links, urgences and signals, and the numbers of
 * the scoring model. A diagnostic keeps the id and version it was scored with.
 *
 * <p>Loading checks the structure (unique ids, known themes and context questions, one active evidence link at
 * most per question); content checks (rule ids against the catalogue, wording) are tests. Immutable.
 */
public record Referential(
        String id,
        String version,
        String locale,
        List<Source> sources,
        ScoringParams scoring,
        SpecialAnswers specialAnswers,
        List<ContextQuestion> context,
        List<Theme> themes,
        List<Question> questions,
        List<UrgenceDef> urgences,
        List<SignalDef> signals) {

    public static final String RESOURCE = "/io/vigie/checks/referential/referential.json";

    public Referential {
        sources = sources == null ? List.of() : List.copyOf(sources);
        context = context == null ? List.of() : List.copyOf(context);
        themes = themes == null ? List.of() : List.copyOf(themes);
        questions = questions == null ? List.of() : List.copyOf(questions);
        urgences = urgences == null ? List.of() : List.copyOf(urgences);
        signals = signals == null ? List.of() : List.copyOf(signals);
    }

    /** The referential shipped with this build. */
    public static Referential builtin() {
        return Holder.BUILTIN;
    }

    private static final class Holder {
        static final Referential BUILTIN = load(Referential.class.getResourceAsStream(RESOURCE));
    }

    /** Reads and checks a referential. */
    public static Referential load(InputStream json) {
        if (json == null) {
            throw new IllegalStateException("referential resource not found: " + RESOURCE);
        }
        Referential r;
        try (InputStream in = json) {
            r = Json.mapper().readValue(in, Referential.class);
        } catch (IOException e) {
            throw new UncheckedIOException("referential unreadable", e);
        }
        List<String> problems = r.structuralProblems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("referential inconsistent: " + String.join("; ", problems));
        }
        return r;
    }

    /** Structural problems; empty for a usable referential. */
    public List<String> structuralProblems() {
        List<String> p = new ArrayList<>();
        if (id == null || version == null) {
            p.add("id and version are required");
        }
        if (scoring == null || scoring.levels() == null) {
            p.add("scoring parameters are required");
        }
        if (specialAnswers == null || specialAnswers.dontKnow() == null || specialAnswers.notConcerned() == null) {
            p.add("special answers are required");
        }
        Set<String> themeIds = new HashSet<>();
        for (Theme t : themes) {
            if (!themeIds.add(t.id())) {
                p.add("duplicate theme " + t.id());
            }
        }
        Set<String> contextIds = new HashSet<>();
        for (ContextQuestion c : context) {
            if (!contextIds.add(c.id())) {
                p.add("duplicate context question " + c.id());
            }
        }
        Set<String> questionIds = new HashSet<>();
        for (Question q : questions) {
            if (!questionIds.add(q.id()) || contextIds.contains(q.id())) {
                p.add("duplicate question " + q.id());
            }
            if (!themeIds.contains(q.theme())) {
                p.add(q.id() + ": unknown theme " + q.theme());
            }
            if (q.answers().isEmpty()) {
                p.add(q.id() + ": no answers");
            }
            Set<String> answerIds = new HashSet<>();
            for (Answer a : q.answers()) {
                if (!answerIds.add(a.id())) {
                    p.add(q.id() + ": duplicate answer " + a.id());
                }
                if (specialAnswers != null && specialAnswers.dontKnow() != null
                        && (a.id().equals(specialAnswers.dontKnow().id()) || a.id().equals(specialAnswers.notConcerned().id()))) {
                    p.add(q.id() + ": answer id " + a.id() + " is reserved");
                }
            }
            if (q.evidence().stream().filter(EvidenceLink::active).count() > 1) {
                p.add(q.id() + ": more than one active evidence link");
            }
            for (Condition c : q.applicableIf()) {
                if (!contextIds.contains(c.question())) {
                    p.add(q.id() + ": condition on unknown context question " + c.question());
                }
                if ((c.equals() == null) == (c.atLeast() == null)) {
                    p.add(q.id() + ": a condition needs exactly one of equals / atLeast");
                }
            }
        }
        return p;
    }

    public Optional<Theme> theme(String themeId) {
        return themes.stream().filter(t -> t.id().equals(themeId)).findFirst();
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public Optional<ContextQuestion> contextQuestion(String contextId) {
        return context.stream().filter(c -> c.id().equals(contextId)).findFirst();
    }

    /** Questions of a theme, in referential order. */
    public List<Question> questionsOf(String themeId) {
        return questions.stream().filter(q -> q.theme().equals(themeId)).toList();
    }
}

package io.vigie.checks.scoring;

/**
 * Maturity level: faible / moyen / satisfaisant (low / medium / satisfactory), or « non évalué » (not assessed)
 * while less than the referential's {@code minAnsweredShare} of the weight has an answer or evidence (issue 16 §3:
 * a diagnostic opened a minute ago is not « faible »).
 */
public enum Level {
    FAIBLE, MOYEN, SATISFAISANT, NOT_EVALUATED;

    /** « non évalué » / "not assessed" for {@link #NOT_EVALUATED}; the level's word otherwise. */
    public String label(io.vigie.checks.text.Lang lang) {
        boolean fr = lang != io.vigie.checks.text.Lang.EN;
        return switch (this) {
            case FAIBLE -> fr ? "faible" : "low";
            case MOYEN -> fr ? "moyen" : "medium";
            case SATISFAISANT -> fr ? "satisfaisant" : "satisfactory";
            case NOT_EVALUATED -> fr ? "non évalué" : "not assessed";
        };
    }
}

package io.vigie.checks.scoring;

/** Maturity level: faible / moyen / satisfaisant (low / medium / satisfactory). */
public enum Level {
    FAIBLE, MOYEN, SATISFAISANT
}
